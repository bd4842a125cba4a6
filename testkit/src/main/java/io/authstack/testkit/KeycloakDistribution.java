package io.authstack.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A Keycloak server installed from the {@code keycloak-quarkus-dist} zip into a folder of ours, with
 * our providers in {@code providers/} and {@code kc.sh build} run for our build-time options.
 * <p>
 * {@code kc.sh build} (Quarkus augmentation) costs about 20 s, so it runs only when the providers or the
 * options differ from the last build of that folder; a lock on the folder keeps two JVMs from building
 * it at once.
 *
 * @see <a href="https://www.keycloak.org/server/configuration#_optimize_the_keycloak_startup">Optimize the
 * Keycloak startup</a>
 */
public final class KeycloakDistribution {

	private static final String BUILD_STAMP = ".authstack-build";

	private final Path zip;

	private final Path installDir;

	private final List<Path> providers;

	private final List<String> buildOptions;

	public KeycloakDistribution(Path zip, Path installDir, List<Path> providers, List<String> buildOptions) {
		this.zip = requireFile(zip, "Keycloak distribution zip");
		providers.forEach((jar) -> requireFile(jar, "Keycloak provider jar (build it with ./mvnw package)"));
		this.installDir = installDir;
		this.providers = List.copyOf(providers);
		this.buildOptions = List.copyOf(buildOptions);
	}

	/**
	 * @return the Keycloak home, unpacked, with our providers and built for our options
	 */
	public Path prepare() {
		try {
			Files.createDirectories(this.installDir);
			try (FileChannel channel = FileChannel.open(this.installDir.resolve(".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
				Path home = this.installDir.resolve("keycloak");
				if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
					unpack(home);
				}
				buildIfChanged(home);
				return home;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare Keycloak in " + this.installDir, ex);
		}
	}

	private void buildIfChanged(Path home) throws IOException {
		String fingerprint = fingerprint();
		Path stamp = home.resolve(BUILD_STAMP);
		if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(fingerprint)) {
			return;
		}
		Path providersDir = home.resolve("providers");
		try (var existing = Files.list(providersDir)) {
			for (Path jar : existing.filter((p) -> p.toString().endsWith(".jar")).toList()) {
				Files.delete(jar);
			}
		}
		for (Path jar : this.providers) {
			Files.copy(jar, providersDir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
		runBuild(home);
		Files.writeString(stamp, fingerprint);
	}

	private void runBuild(Path home) throws IOException {
		List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
		command.addAll(this.buildOptions);
		Path log = this.installDir.resolve("build.log");
		Process process = new ProcessBuilder(command).directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (process.waitFor() != 0) {
				throw new IllegalStateException("kc.sh build failed, see " + log);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while building Keycloak", ex);
		}
	}

	private String fingerprint() throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(this.zip.getFileName().toString().getBytes(StandardCharsets.UTF_8));
			digest.update(String.join("\n", this.buildOptions).getBytes(StandardCharsets.UTF_8));
			for (Path jar : this.providers) {
				digest.update(Files.readAllBytes(jar));
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Unpacks the zip's single top folder ({@code keycloak-<version>/}) as {@code home}. */
	private void unpack(Path home) throws IOException {
		Path staging = Files.createTempDirectory(this.installDir, "unpack-");
		try (InputStream in = Files.newInputStream(this.zip); ZipInputStream zipIn = new ZipInputStream(in)) {
			for (ZipEntry entry = zipIn.getNextEntry(); entry != null; entry = zipIn.getNextEntry()) {
				Path target = staging.resolve(entry.getName()).normalize();
				if (!target.startsWith(staging)) {
					throw new IOException("Zip entry outside the target folder: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
				}
				else {
					Files.createDirectories(target.getParent());
					Files.copy(zipIn, target, StandardCopyOption.REPLACE_EXISTING);
					if (target.toString().endsWith(".sh")) {
						target.toFile().setExecutable(true);
					}
				}
			}
		}
		try (var top = Files.list(staging)) {
			Path unpacked = top.findFirst().orElseThrow(() -> new IOException("Empty zip: " + this.zip));
			Files.move(unpacked, home);
		}
		Files.delete(staging);
	}

	private static Path requireFile(Path file, String what) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException(what + " not found: " + file);
		}
		return file;
	}

}
