package io.authstack.keycloak.google;

import java.util.function.Supplier;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Finds the local user a verified Google identity signs in as, linking or creating it when needed:
 * <ol>
 * <li>the user linked to ({@code google}, {@code sub});</li>
 * <li>else the user with the same email, linked now, only if its email is verified here too and it has no other
 * Google account linked (an unverified local account may have been registered by someone else to hijack the
 * address later);</li>
 * <li>else a new user, linked, when the realm allows registration.</li>
 * </ol>
 * A user found is checked before anything is written: enabled, not locked out, no pending required action.
 *
 * @see <a href="https://github.com/OWASP/ASVS/blob/v5.0.0/5.0/en/0x15-V6-Authentication.md">ASVS 5.0 V6.8.1,
 * federated users keyed by (IdP, subject)</a>
 */
final class GoogleAccountResolver {

	/** Recorded as the register method of users this grant creates. */
	static final String REGISTER_METHOD = "google-id-token";

	private final KeycloakSession session;

	private final RealmModel realm;

	private final String identityProviderAlias;

	private final EventBuilder event;

	GoogleAccountResolver(KeycloakSession session, RealmModel realm, String identityProviderAlias, EventBuilder event) {
		this.session = session;
		this.realm = realm;
		this.identityProviderAlias = identityProviderAlias;
		this.event = event;
	}

	/**
	 * @return the user to sign in, usable
	 * @throws GoogleSignInException when the user cannot sign in or cannot be matched safely
	 */
	UserModel resolve(GoogleIdentity identity) {
		UserProvider users = this.session.users();
		UserModel linked = users.getUserByFederatedIdentity(this.realm,
				new FederatedIdentityModel(this.identityProviderAlias, identity.subject(), null));
		if (linked != null) {
			requireUsable(linked);
			return linked;
		}
		UserModel sameEmail = users.getUserByEmail(this.realm, identity.email());
		if (sameEmail != null) {
			if (!sameEmail.isEmailVerified()) {
				throw new GoogleSignInException(GoogleSignInRejection.EMAIL_IN_USE, "local email not verified");
			}
			if (users.getFederatedIdentity(this.realm, sameEmail, this.identityProviderAlias) != null) {
				throw new GoogleSignInException(GoogleSignInRejection.EMAIL_IN_USE, "linked to another Google account");
			}
			requireUsable(sameEmail);
			racing(() -> link(sameEmail, identity));
			this.event.clone().event(EventType.FEDERATED_IDENTITY_LINK).user(sameEmail).success();
			return sameEmail;
		}
		if (!this.realm.isRegistrationAllowed()) {
			throw new GoogleSignInException(GoogleSignInRejection.REGISTRATION_CLOSED, "registration not allowed");
		}
		if (users.getUserByUsername(this.realm, identity.email()) != null) {
			throw new GoogleSignInException(GoogleSignInRejection.EMAIL_IN_USE, "username taken");
		}
		UserModel created = racing(() -> create(identity));
		this.event.clone()
			.event(EventType.REGISTER)
			.user(created)
			.detail(Details.REGISTER_METHOD, REGISTER_METHOD)
			.detail(Details.USERNAME, created.getUsername())
			.detail(Details.EMAIL, created.getEmail())
			.success();
		return created;
	}

	private UserModel create(GoogleIdentity identity) {
		UserModel user = this.session.users().addUser(this.realm, identity.email());
		user.setEnabled(true);
		user.setEmail(identity.email());
		// Google vouched for the address (email_verified is checked before we get here).
		user.setEmailVerified(true);
		if (identity.givenName() != null) {
			user.setFirstName(identity.givenName());
		}
		if (identity.familyName() != null) {
			user.setLastName(identity.familyName());
		}
		link(user, identity);
		return user;
	}

	private UserModel link(UserModel user, GoogleIdentity identity) {
		this.session.users()
			.addFederatedIdentity(this.realm, user,
					new FederatedIdentityModel(this.identityProviderAlias, identity.subject(), identity.email()));
		return user;
	}

	/** Runs a write that a concurrent sign-in of the same Google account may have made first. */
	private static <T> T racing(Supplier<T> write) {
		try {
			return write.get();
		}
		catch (ModelDuplicateException ex) {
			throw new GoogleSignInException(GoogleSignInRejection.CONCURRENT_SIGN_IN, "created or linked concurrently",
					ex);
		}
	}

	private void requireUsable(UserModel user) {
		if (!user.isEnabled()) {
			throw new GoogleSignInException(GoogleSignInRejection.ACCOUNT_DISABLED, "user disabled");
		}
		BruteForceProtector bruteForce = this.session.getProvider(BruteForceProtector.class);
		if (this.realm.isBruteForceProtected() && (bruteForce.isPermanentlyLockedOut(this.session, this.realm, user)
				|| bruteForce.isTemporarilyDisabled(this.session, this.realm, user))) {
			throw new GoogleSignInException(GoogleSignInRejection.ACCOUNT_DISABLED, "user locked out");
		}
		if (user.getRequiredActionsStream().findAny().isPresent()) {
			throw new GoogleSignInException(GoogleSignInRejection.ACCOUNT_INCOMPLETE, "required actions pending");
		}
	}

}
