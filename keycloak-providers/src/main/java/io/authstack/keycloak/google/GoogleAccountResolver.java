package io.authstack.keycloak.google;

import java.util.function.Supplier;

import org.keycloak.authentication.authenticators.broker.IdpCreateUserIfUniqueAuthenticatorFactory;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
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
 * <li>else the user with the same email, linked now, only if Google is authoritative for the address
 * ({@link GoogleEmailAuthority}: a consumer Google account may carry anyone's address), its email is verified here
 * too (an unverified local account may have been registered by someone else to hijack the address later) and it
 * has no other Google account linked;</li>
 * <li>else a new user, linked, when the provider's first-broker-login flow would create one in the redirect flow
 * (see {@link #signUpAllowed()}).</li>
 * </ol>
 * A user found is checked before anything is written: enabled, not locked out, no pending required action.
 *
 * @see <a href="https://github.com/OWASP/ASVS/blob/v5.0.0/5.0/en/0x15-V6-Authentication.md">ASVS 5.0 V6.8.1,
 * federated users keyed by (IdP, subject)</a>
 */
final class GoogleAccountResolver {

	/** The first-broker-login step that creates an account for a new identity in the redirect flow. */
	private static final String CREATE_USER_IF_UNIQUE = IdpCreateUserIfUniqueAuthenticatorFactory.PROVIDER_ID;

	/** Recorded as the register method of users this grant creates. */
	static final String REGISTER_METHOD = "google-id-token";

	private final KeycloakSession session;

	private final RealmModel realm;

	private final IdentityProviderModel google;

	private final EventBuilder event;

	GoogleAccountResolver(KeycloakSession session, RealmModel realm, IdentityProviderModel google, EventBuilder event) {
		this.session = session;
		this.realm = realm;
		this.google = google;
		this.event = event;
	}

	/**
	 * @return the user to sign in, usable
	 * @throws GoogleSignInException when the user cannot sign in or cannot be matched safely
	 */
	UserModel resolve(GoogleIdentity identity) {
		UserProvider users = this.session.users();
		UserModel linked = users.getUserByFederatedIdentity(this.realm,
				new FederatedIdentityModel(this.google.getAlias(), identity.subject(), null));
		if (linked != null) {
			requireUsable(linked);
			return linked;
		}
		UserModel sameEmail = users.getUserByEmail(this.realm, identity.email());
		if (sameEmail != null) {
			FederatedIdentityModel link = users.getFederatedIdentity(this.realm, sameEmail, this.google.getAlias());
			if (link != null && identity.subject().equals(link.getUserId())) {
				// Linked to this very Google account by a concurrent sign-in that committed after our first lookup:
				// the account is this Google user's, whatever the address's domain.
				requireUsable(sameEmail);
				return sameEmail;
			}
			if (!sameEmail.isEmailVerified()) {
				throw new GoogleSignInException(GoogleSignInRejection.EMAIL_IN_USE, "local email not verified");
			}
			if (!GoogleEmailAuthority.vouchesFor(identity.email(), identity.hostedDomain())) {
				// The redirect flow would ask the user to prove the local account is theirs; a token request cannot.
				throw new GoogleSignInException(GoogleSignInRejection.EMAIL_IN_USE, "Google not authoritative for the email");
			}
			if (link != null) {
				throw new GoogleSignInException(GoogleSignInRejection.EMAIL_IN_USE, "linked to another Google account");
			}
			requireUsable(sameEmail);
			racing(() -> link(sameEmail, identity));
			this.event.clone().event(EventType.FEDERATED_IDENTITY_LINK).user(sameEmail).success();
			return sameEmail;
		}
		if (!signUpAllowed()) {
			throw new GoogleSignInException(GoogleSignInRejection.REGISTRATION_CLOSED,
					"the first broker login flow creates no users");
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

	/**
	 * Whether a Google user without an account may sign up: exactly when the provider's first-broker-login flow
	 * would create one in the redirect flow (an enabled {@value #CREATE_USER_IF_UNIQUE}), so both ways in follow
	 * the one switch an admin sees in the console. The realm's {@code registrationAllowed} governs Keycloak's
	 * registration form, not identity providers, as in Keycloak's own brokering.
	 */
	private boolean signUpAllowed() {
		String flowId = this.google.getFirstBrokerLoginFlowId();
		if (flowId == null) {
			// No flow of its own: the provider follows the realm's, as in the redirect flow.
			AuthenticationFlowModel realmFlow = this.realm.getFirstBrokerLoginFlow();
			flowId = (realmFlow != null) ? realmFlow.getId() : null;
		}
		return flowId != null && createsUsers(flowId);
	}

	private boolean createsUsers(String flowId) {
		return this.realm.getAuthenticationExecutionsStream(flowId)
			.filter((execution) -> !execution.isDisabled())
			.anyMatch((execution) -> execution.isAuthenticatorFlow() ? createsUsers(execution.getFlowId())
					: CREATE_USER_IF_UNIQUE.equals(execution.getAuthenticator()));
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
					new FederatedIdentityModel(this.google.getAlias(), identity.subject(), identity.email()));
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
