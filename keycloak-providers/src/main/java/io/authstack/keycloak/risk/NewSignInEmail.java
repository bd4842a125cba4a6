package io.authstack.keycloak.risk;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The "new sign-in" alert, rendered from the {@code authstack} email theme and handed to Keycloak's
 * {@link EmailTemplateProvider}, so it leaves through whichever email sender the server is configured
 * with (SMTP, or our AMQP sender).
 */
final class NewSignInEmail {

	static final String TEMPLATE = "device-risk-new-sign-in.ftl";

	static final String SUBJECT_KEY = "deviceRiskNewSignInSubject";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private NewSignInEmail() {
	}

	static void send(KeycloakSession session, RealmModel realm, UserModel user, String deviceLabel, String ipPrefix,
			String reasonCodes, Instant at) throws EmailException {
		String realmName = (realm.getDisplayName() != null) ? realm.getDisplayName() : realm.getName();
		List<String> reasons = reasonCodes.isEmpty() ? List.of() : Arrays.asList(reasonCodes.split(","));
		// Mutable: the template provider adds its own attributes (realm name, locale, ...) to this map.
		Map<String, Object> attributes = new HashMap<>();
		attributes.put("deviceLabel", deviceLabel);
		attributes.put("ipPrefix", ipPrefix);
		attributes.put("signInTime", TIME.format(at));
		attributes.put("riskReasons", reasons);
		session.getProvider(EmailTemplateProvider.class)
			.setRealm(realm)
			.setUser(user)
			.send(SUBJECT_KEY, List.of(realmName), TEMPLATE, attributes);
	}

}
