package io.authstack.keycloak.risk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The "approve this device" email of {@code require_email_approval}, rendered from the {@code authstack}
 * email theme and sent through Keycloak's {@link EmailTemplateProvider} like every other realm email.
 */
final class DeviceApprovalEmail {

	static final String TEMPLATE = "device-risk-approval.ftl";

	static final String SUBJECT_KEY = "deviceRiskApprovalSubject";

	private DeviceApprovalEmail() {
	}

	static void send(KeycloakSession session, RealmModel realm, UserModel user, String link, int lifetimeMinutes,
			PendingSignIn device) throws EmailException {
		String realmName = (realm.getDisplayName() != null) ? realm.getDisplayName() : realm.getName();
		// Mutable: the template provider adds its own attributes (realm name, locale, ...) to this map.
		Map<String, Object> attributes = new HashMap<>();
		attributes.put("link", link);
		attributes.put("linkLifetimeMinutes", lifetimeMinutes);
		attributes.put("deviceLabel", device.label());
		attributes.put("ipPrefix", device.ipPrefix());
		session.getProvider(EmailTemplateProvider.class)
			.setRealm(realm)
			.setUser(user)
			.send(SUBJECT_KEY, List.of(realmName), TEMPLATE, attributes);
	}

}
