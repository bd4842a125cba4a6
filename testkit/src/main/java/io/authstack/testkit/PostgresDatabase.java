package io.authstack.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** A database on the local PostgreSQL (trust authentication, user {@code postgres}). */
public record PostgresDatabase(String name) {

	private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	public static final String USER = "postgres";

	public PostgresDatabase {
		if (!SAFE_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Not a plain database name: " + name);
		}
	}

	public String jdbcUrl() {
		return jdbcUrl(this.name);
	}

	/** Creates the database unless it exists already. */
	public PostgresDatabase createIfAbsent() {
		LocalService.POSTGRESQL.require();
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
				Statement statement = connection.createStatement()) {
			boolean exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + this.name + "'")
				.next();
			if (!exists) {
				statement.execute("CREATE DATABASE " + this.name);
			}
			return this;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + this.name, ex);
		}
	}

	public void drop() {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot drop database " + this.name, ex);
		}
	}

	private static String jdbcUrl(String database) {
		return "jdbc:postgresql://" + LocalService.POSTGRESQL.host() + ":" + LocalService.POSTGRESQL.port() + "/"
				+ database;
	}

}
