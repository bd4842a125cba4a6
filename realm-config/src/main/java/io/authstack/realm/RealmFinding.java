package io.authstack.realm;

/**
 * One weakness the {@link RealmLint} found in a realm.
 *
 * @param rule stable id of the rule, e.g. {@code implicit-flow}
 * @param subject what it was found on: the realm, a client id, a service account
 * @param message what is wrong and what to do, for the admin who reads it
 */
public record RealmFinding(String rule, String subject, String message) {

	@Override
	public String toString() {
		return "[" + this.rule + "] " + this.subject + ": " + this.message;
	}

}
