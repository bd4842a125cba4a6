package io.authstack.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The golden JSON samples of the contract, as producers must write them and the worker must read them.
 * Shipped in this module's test-jar: depend on {@code notification-contract} with
 * {@code <type>test-jar</type>} and {@code <scope>test</scope>}.
 */
public final class GoldenSamples {

	/** A message Keycloak rendered (reset password), text and HTML. */
	public static final String EMAIL_RENDERED = "email-rendered.json";

	/** A verify-email template message in German. */
	public static final String EMAIL_VERIFY_EMAIL = "email-verify-email.json";

	/** A reset-password template message in English. */
	public static final String EMAIL_RESET_PASSWORD = "email-reset-password.json";

	/** A new-device template message, with a field from a later version that readers ignore. */
	public static final String EMAIL_NEW_DEVICE = "email-new-device.json";

	/** A reset-password message whose expiry is long past. */
	public static final String EMAIL_EXPIRED = "email-expired.json";

	/** Well-formed JSON that breaks the contract: rendered and templated at once. */
	public static final String EMAIL_INVALID_BOTH_BODIES = "email-invalid-both-bodies.json";

	/** A failed user login. */
	public static final String EVENT_LOGIN_ERROR = "event-login-error.json";

	/** An admin updating a user. */
	public static final String EVENT_ADMIN_UPDATE = "event-admin-update.json";

	private static final String LOCATION = "/io/authstack/contract/samples/";

	private GoldenSamples() {
	}

	/** @return the sample's JSON text */
	public static String read(String name) {
		try (InputStream in = GoldenSamples.class.getResourceAsStream(LOCATION + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No golden sample " + name + " under " + LOCATION);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
