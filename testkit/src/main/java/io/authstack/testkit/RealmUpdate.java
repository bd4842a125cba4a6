package io.authstack.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Brings a changed realm file to a Keycloak database that holds the realm already, which
 * {@code kc.sh start --import-realm} skips. Keycloak must be stopped, on every node: the import writes
 * the database directly.
 * <ol>
 * <li>{@code kc.sh export} of the realm with its users into a new, timestamped backup folder;</li>
 * <li>the stored login and admin events saved there too ({@link RealmEvents});</li>
 * <li>the export's runtime data merged into the realm file ({@link RealmRuntimeData}): the merge refuses,
 * before anything changed, when users hold a role, group or identity provider the file no longer defines;</li>
 * <li>{@code kc.sh import --override true} of the merged file: Keycloak deletes the realm and imports it,
 * resolving the file's {@code ${VARIABLE:default}} placeholders from its environment exactly as
 * {@code --import-realm} does;</li>
 * <li>the events put back.</li>
 * </ol>
 * Accounts, passwords, linked Google accounts, attributes, keys and events stay, and so do sessions: Keycloak
 * keeps them in the database under the realm's and clients' ids, which the merge keeps, so signed-in users (and
 * the BFF's refresh tokens) carry on. What the file configures replaces what the admin console changed.
 *
 * @see <a href="https://www.keycloak.org/server/importExport">Keycloak: importing and exporting realms</a>
 */
public final class RealmUpdate {

	private static final DateTimeFormatter BACKUP_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final AuthstackKeycloak keycloak;

	private final Path installDir;

	private final PostgresDatabase database;

	private final int rabbitMqPort;

	private final Map<String, String> realmEnvironment;

	private final PrintStream out;

	/**
	 * @param installDir where {@link AuthstackKeycloak#start} installed the Keycloak that uses {@code database}
	 * @param realmEnvironment the values for the realm's placeholders that Keycloak was started with
	 */
	public RealmUpdate(AuthstackKeycloak keycloak, Path installDir, PostgresDatabase database, int rabbitMqPort,
			Map<String, String> realmEnvironment, PrintStream out) {
		this.keycloak = keycloak;
		this.installDir = installDir;
		this.database = database;
		this.rabbitMqPort = rabbitMqPort;
		this.realmEnvironment = Map.copyOf(realmEnvironment);
		this.out = out;
	}

	/**
	 * Replaces the realm's configuration with {@code realmFile}'s, Keycloak stopped.
	 * @param backupsDir where the backup folder is created
	 * @return the backup folder: {@code realm-export.json} (the realm as it was, users included),
	 * {@code realm-import.json} (what was imported), the events as CSV and {@code kc.log}
	 */
	public Path apply(Path realmFile, Path backupsDir) {
		Path backup = createBackupDir(backupsDir);
		Path log = backup.resolve("kc.log");
		Path export = backup.resolve("realm-export.json");
		this.out.println("Exporting realm '" + AuthstackKeycloak.REALM + "' with its users to " + export + " ...");
		kc(List.of("export", "--file=" + export, "--realm=" + AuthstackKeycloak.REALM, "--users=same_file"), log);
		if (!Files.isRegularFile(export)) {
			throw new IllegalStateException("The database " + this.database.name() + " holds no realm '"
					+ AuthstackKeycloak.REALM + "' to update (a first start imports it); see " + log);
		}
		RealmRuntimeData runtimeData = RealmRuntimeData.of(export);
		Path merged = backup.resolve("realm-import.json");
		write(merged, runtimeData.mergeInto(read(realmFile)));
		RealmEvents events = new RealmEvents(this.database, runtimeData.realmId());
		events.save(backup);
		this.out.println("Importing " + realmFile + " over the realm, keeping its " + runtimeData.users().size()
				+ " user(s) ...");
		kc(List.of("import", "--file=" + merged, "--override=true"), log);
		events.restore(backup);
		this.out.println("Realm '" + AuthstackKeycloak.REALM + "' updated. Backup: " + backup);
		return backup;
	}

	private void kc(List<String> arguments, Path log) {
		this.keycloak.runOffline(this.installDir, this.database, this.rabbitMqPort, this.realmEnvironment, arguments,
				log);
	}

	/** A new folder only its owner can read: the export holds password hashes, keys and client secrets. */
	private static Path createBackupDir(Path backupsDir) {
		Path backup = backupsDir.resolve(AuthstackKeycloak.REALM + "-" + BACKUP_NAME.format(Clock.systemUTC().instant()));
		try {
			Files.createDirectories(backupsDir);
			return Files.createDirectory(backup,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the backup folder " + backup, ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the realm file " + file, ex);
		}
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

}
