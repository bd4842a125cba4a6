package io.authstack.realm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a realm file the way {@code kc.sh start --import-realm} does: {@code ${VARIABLE:default}}
 * placeholders take the variable's value, else their default; one with neither stays as it is (Keycloak's
 * own message keys such as {@code ${username}} look the same).
 */
public final class RealmFile {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)(?::([^}]*))?}");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RealmFile() {
	}

	public static JsonNode read(Path file, Map<String, String> environment) {
		try {
			return JSON.readTree(resolve(Files.readString(file), environment));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read realm file " + file, ex);
		}
	}

	static String resolve(String text, Map<String, String> environment) {
		Matcher placeholder = PLACEHOLDER.matcher(text);
		StringBuilder resolved = new StringBuilder();
		while (placeholder.find()) {
			String value = environment.getOrDefault(placeholder.group(1), placeholder.group(2));
			if (value == null) {
				value = placeholder.group();
			}
			placeholder.appendReplacement(resolved, Matcher.quoteReplacement(value));
		}
		return placeholder.appendTail(resolved).toString();
	}

}
