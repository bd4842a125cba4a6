package io.authstack.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A realm's stored login and admin events, saved to CSV files and put back. Keycloak deletes them with the
 * realm when an import overrides it, and no export carries them, so a {@link RealmUpdate} copies Keycloak's
 * two event tables itself (the same Keycloak version writes and reads them, so their columns match).
 */
final class RealmEvents {

	private static final List<String> TABLES = List.of("event_entity", "admin_event_entity");

	private static final Pattern REALM_ID = Pattern.compile("[A-Za-z0-9-]+");

	private final PostgresDatabase database;

	private final String realmId;

	RealmEvents(PostgresDatabase database, String realmId) {
		if (!REALM_ID.matcher(realmId).matches()) {
			throw new IllegalArgumentException("Not a realm id: " + realmId);
		}
		this.database = database;
		this.realmId = realmId;
	}

	/** Writes the realm's rows of each event table to {@code <table>.csv} in {@code dir}. */
	void save(Path dir) {
		try (Connection connection = connect()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			for (String table : TABLES) {
				try (Writer out = Files.newBufferedWriter(dir.resolve(table + ".csv"))) {
					copy.copyOut("COPY (SELECT * FROM " + table + " WHERE realm_id = '" + this.realmId
							+ "') TO STDOUT WITH (FORMAT csv)", out);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot save the realm's events from " + this.database.name(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot save the realm's events to " + dir, ex);
		}
	}

	/** Puts the rows saved in {@code dir} back, leaving any still there as they are. */
	void restore(Path dir) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			for (String table : TABLES) {
				statement.execute("CREATE TEMP TABLE saved_" + table + " (LIKE " + table + ")");
				try (Reader in = Files.newBufferedReader(dir.resolve(table + ".csv"))) {
					copy.copyIn("COPY saved_" + table + " FROM STDIN WITH (FORMAT csv)", in);
				}
				statement.execute("INSERT INTO " + table + " SELECT * FROM saved_" + table + " ON CONFLICT DO NOTHING");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot restore the realm's events into " + this.database.name()
					+ "; they are saved in " + dir, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the realm's saved events in " + dir, ex);
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.database.jdbcUrl(), PostgresDatabase.USER, "");
	}

}
