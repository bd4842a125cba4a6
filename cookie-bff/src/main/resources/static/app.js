// The authstack demo SPA: plain JavaScript, no build step. It never sees a token: the BFF keeps them in
// HttpOnly cookies, and this script only calls the BFF's JSON API (see cookie-bff/README.md).
'use strict';

(() => {
	// Every stable problem `code` of the BFF, as a sentence a person understands.
	const MESSAGES = {
		session_expired: 'Your session has expired. Please log in again.',
		refresh_reused: 'For your safety we ended this session: an old refresh was replayed. Please log in again.',
		binding_mismatch: 'This session belongs to another device or network, so it cannot be used here. Please log in again.',
		revoked: 'This session has been ended (logged out elsewhere, or the password changed). Please log in again.',
		invalid_credentials: 'The username or password is not right.',
		google_token_invalid: 'Google sign-in did not work: the answer from Google was not valid. Please try again.',
		google_email_unverified: 'Your Google account\'s email address is not verified, so it cannot be used to sign in here.',
		google_domain_not_allowed: 'Accounts of that Google domain may not sign in here.',
		google_sign_in_refused: 'Google sign-in was refused for this account.',
		google_email_in_use: 'An account with this email already exists: sign in with your password, or use "Log in with Keycloak" and Google there to confirm it is yours.',
		google_interaction_required: 'Google sign-in needs one more step. Taking you to the sign-in page...',
		google_nonce_mismatch: 'That Google sign-in was not started on this page, or took too long. Please sign in with Google again.',
		google_token_replayed: 'That answer from Google was already used. Please sign in with Google again.',
		otp_required: 'This device is new to your account: enter the code from your authenticator app.',
		device_approval_required: 'This device is new to your account: approve it from the link we just emailed you, then log in again.',
		device_denied: 'Signing in from a new device is not allowed for this account.',
		csrf_rejected: 'The request was refused because it did not come from this site. Reload the page and try again.',
		login_method_disabled: 'Logging in with a password here is turned off. Use "Log in with Keycloak".',
		invalid_request: 'Some of what you entered is missing or not valid.',
		account_setup_required: 'Your account is not ready yet: verify your email address first with the link we sent you.',
		account_action_required: 'Your account has a step to finish first: log in with Keycloak to do it.',
		profile_incomplete: 'Your profile lacks details we need: log in with Keycloak to add them.',
		payload_too_large: 'That is more data than this service accepts at once.',
		length_required: 'The request was sent without its length; please try again.',
		session_too_large: 'Your name or other account details are too long for a session: shorten them, then log in again.',
		cookie_conflict: 'Your browser holds conflicting cookies for this site: clear this site\'s cookies, then log in again.',
		invalid_token: 'This link is not valid any more: it was used already or it expired. Ask for a new one.',
		password_policy: 'That password is not allowed: use at least 12 characters, not your username or email, and not one you used recently.',
		username_taken: 'That username is taken. Please choose another one.',
		rate_limited: 'Too many attempts. Please wait {seconds} seconds and try again.',
		upstream_unavailable: 'The sign-in service is unavailable right now. Please try again in a moment.',
		not_found: 'This feature is not available on this server.',
		method_not_allowed: 'This feature is not available on this server.',
		internal_error: 'Something went wrong on our side. Please try again.',
	};

	// Where a redirect login that failed comes back (/?login_error=<code>), a few codes say more than their
	// general sentence: the user typed nothing here.
	const LOGIN_MESSAGES = {
		invalid_request: 'This login could not be finished: it was started in another tab or browser, or it took too long. Please log in again.',
		invalid_credentials: 'The login did not succeed. Please try again.',
	};

	const GENERIC = 'Something went wrong. Please try again.';

	class Problem extends Error {
		constructor(status, code, detail, retryAfter) {
			super(detail || code || `HTTP ${status}`);
			this.status = status;
			this.code = code;
			this.retryAfter = retryAfter;
		}

		sentence() {
			const words = MESSAGES[this.code];
			if (words) {
				return words.replace('{seconds}', this.retryAfter || 'a few');
			}
			return this.status === 0 ? 'The server cannot be reached. Check your connection.' : GENERIC;
		}
	}

	// One call to the BFF. State-changing calls carry X-CSRF: 1 (the browser adds Origin itself).
	async function api(method, path, body) {
		const headers = { Accept: 'application/json' };
		if (method !== 'GET') {
			headers['X-CSRF'] = '1';
		}
		if (body !== undefined) {
			headers['Content-Type'] = 'application/json';
		}
		let response;
		try {
			response = await fetch(path, {
				method,
				headers,
				credentials: 'same-origin',
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		}
		catch (networkError) {
			throw new Problem(0, null, networkError.message, null);
		}
		const text = await response.text();
		const json = text ? parseJson(text) : null;
		if (!response.ok) {
			throw new Problem(response.status, json && json.code, json && json.detail,
					response.headers.get('Retry-After'));
		}
		return json;
	}

	function parseJson(text) {
		try {
			return JSON.parse(text);
		}
		catch (notJson) {
			return null;
		}
	}

	const $ = (id) => document.getElementById(id);

	function show(view) {
		document.querySelectorAll('.view').forEach((section) => {
			section.hidden = section.id !== `view-${view}`;
		});
	}

	function say(kind, text) {
		const other = kind === 'error' ? 'notice' : 'error';
		$(other).hidden = true;
		$(kind).textContent = text;
		$(kind).hidden = !text;
	}

	const sayError = (problem) => say('error', problem instanceof Problem ? problem.sentence() : GENERIC);
	const sayNotice = (text) => say('notice', text);
	const clearMessages = () => { say('error', ''); say('notice', ''); };

	// Refresh a little before the access token expires, as long as the page is open.
	let refreshTimer = null;

	function scheduleRefresh(expiresAt) {
		clearTimeout(refreshTimer);
		const inMs = new Date(expiresAt).getTime() - Date.now() - 30000;
		refreshTimer = setTimeout(() => refresh(false), Math.max(inMs, 5000));
	}

	function showSession(session) {
		$('session-username').textContent = session.username || '';
		$('session-email').textContent = session.email || '—';
		$('session-sub').textContent = session.sub || '';
		$('session-roles').textContent = (session.roles || []).join(', ') || '—';
		$('session-expires').textContent = new Date(session.expiresAt).toLocaleTimeString();
		scheduleRefresh(session.expiresAt);
		show('session');
	}

	function showLogin() {
		clearTimeout(refreshTimer);
		show('login');
	}

	async function refresh(announce) {
		try {
			await api('POST', '/api/auth/refresh');
			showSession(await api('GET', '/api/auth/session'));
			if (announce) {
				sayNotice('Session refreshed: new cookies, new expiry.');
			}
		}
		catch (problem) {
			sayError(problem);
			showLogin();
		}
	}

	// At start: the session if there is one; else one refresh (the access cookie may just have expired).
	async function resumeSession() {
		try {
			showSession(await api('GET', '/api/auth/session'));
			return;
		}
		catch (problem) {
			if (!(problem instanceof Problem) || problem.code !== 'session_expired') {
				sayError(problem);
				showLogin();
				return;
			}
		}
		try {
			await api('POST', '/api/auth/refresh');
			showSession(await api('GET', '/api/auth/session'));
		}
		catch (problem) {
			// No session at all is the normal first visit, not an error worth a sentence.
			if (!(problem instanceof Problem) || problem.code !== 'session_expired') {
				sayError(problem);
			}
			showLogin();
		}
	}

	function onSubmit(formId, handler) {
		const form = $(formId);
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			const button = form.querySelector('button[type=submit]');
			button.disabled = true;
			clearMessages();
			try {
				await handler(Object.fromEntries(new FormData(form)), form);
			}
			catch (problem) {
				sayError(problem);
			}
			finally {
				button.disabled = false;
			}
		});
	}

	function loadGoogleButton(clientId) {
		const script = document.createElement('script');
		script.src = 'https://accounts.google.com/gsi/client';
		script.async = true;
		script.addEventListener('load', () => armGoogleButton(clientId));
		document.head.appendChild(script);
	}

	// Every Google sign-in needs a nonce of its own from the BFF (kept in an HttpOnly cookie of this browser):
	// Google puts it into the ID token, and the BFF accepts only a token with this browser's nonce, once. So
	// the button is armed with a fresh one at load and again after every attempt that did not log in.
	async function armGoogleButton(clientId) {
		let nonce;
		try {
			nonce = (await api('POST', '/api/auth/google/nonce')).nonce;
		}
		catch (problem) {
			sayError(problem);
			return;
		}
		window.google.accounts.id.initialize({
			client_id: clientId,
			nonce,
			callback: async (answer) => {
				clearMessages();
				try {
					showSession(await api('POST', '/api/auth/google', { credential: answer.credential }));
				}
				catch (problem) {
					sayError(problem);
					// A step One Tap cannot show (a code, say): Keycloak's own pages can.
					if (problem.code === 'google_interaction_required' || problem.code === 'otp_required') {
						location.assign('/api/auth/login?provider=google&returnTo=/');
						return;
					}
					armGoogleButton(clientId);
				}
			},
		});
		window.google.accounts.id.renderButton($('google-button'), { theme: 'outline', size: 'large', width: 300 });
		$('google-button').hidden = false;
	}

	// A token from an email link (#token=..., which no server sees, or ?token=...) is read once, then removed
	// from the address bar and the history.
	function takeToken() {
		const token = new URLSearchParams(location.hash.slice(1)).get('token')
				|| new URLSearchParams(location.search).get('token');
		if (location.hash || location.search) {
			history.replaceState(null, '', location.pathname);
		}
		return token;
	}

	// A redirect login that failed: the BFF sends the browser back with the problem's code, which is read once,
	// taken out of the address bar, and said in words.
	function takeLoginError() {
		const query = new URLSearchParams(location.search);
		const code = query.get('login_error');
		if (!code) {
			return null;
		}
		history.replaceState(null, '', location.pathname);
		return LOGIN_MESSAGES[code] || new Problem(undefined, code, null, query.get('retry_after')).sentence();
	}

	async function verifyEmail(token) {
		show('verify');
		if (!token) {
			$('verify-status').textContent = 'Open the link in the email we sent you to verify your address.';
			return;
		}
		try {
			await api('POST', '/api/accounts/verify-email', { token });
			$('verify-status').textContent = 'Your email address is verified. You can log in now.';
		}
		catch (problem) {
			$('verify-status').textContent = 'Your email address could not be verified.';
			sayError(problem);
		}
	}

	function wireForms() {
		onSubmit('password-login', async (fields, form) => {
			const login = { username: fields.username, password: fields.password };
			if (fields.otp) {
				login.otp = fields.otp;
			}
			try {
				const session = await api('POST', '/api/auth/login', login);
				form.reset();
				$('otp-field').hidden = true;
				showSession(session);
			}
			catch (problem) {
				if (problem.code === 'otp_required') {
					// Keycloak asks this device for the code: the same login again, with it.
					$('otp-field').hidden = false;
					form.elements.otp.focus();
				}
				throw problem;
			}
		});
		$('refresh').addEventListener('click', () => {
			clearMessages();
			refresh(true);
		});
		$('logout').addEventListener('click', async () => {
			clearMessages();
			try {
				await api('POST', '/api/auth/logout');
				sayNotice('You are logged out.');
			}
			catch (problem) {
				sayError(problem);
			}
			showLogin();
		});
		onSubmit('register', async (fields, form) => {
			// Without a username the email is the username (the default); a chosen one may be taken (409).
			const registration = { email: fields.email, password: fields.password };
			if (fields.username) {
				registration.username = fields.username;
			}
			await api('POST', '/api/accounts/register', registration);
			form.reset();
			sayNotice(`Account created. We sent a link to ${fields.email}: open it to verify your address.`);
		});
		onSubmit('resend-verification', async (fields) => {
			await api('POST', '/api/accounts/resend-verification', { email: fields.email });
			sayNotice('If an unverified account uses that address, a new link is on its way.');
		});
		onSubmit('reset-request', async (fields) => {
			await api('POST', '/api/accounts/reset-password', { email: fields.email });
			sayNotice('If an account uses that address, a reset link is on its way.');
		});
	}

	// The SPA's own API through the BFF's relay: an expired access token is refreshed once, then the call retried.
	function wireDemoApi(path) {
		$('demo-api').hidden = !path;
		if (!path) {
			return;
		}
		$('call-api').addEventListener('click', async () => {
			clearMessages();
			try {
				let answer;
				try {
					answer = await api('GET', path);
				}
				catch (problem) {
					if (!(problem instanceof Problem) || problem.code !== 'session_expired') {
						throw problem;
					}
					await api('POST', '/api/auth/refresh');
					answer = await api('GET', path);
				}
				$('api-answer').textContent = JSON.stringify(answer, null, 2);
				$('api-answer').hidden = false;
			}
			catch (problem) {
				sayError(problem);
			}
		});
	}

	function wireResetConfirm(token) {
		onSubmit('reset-confirm', async (fields, form) => {
			await api('POST', '/api/accounts/reset-password-confirm', { token, password: fields.password });
			form.reset();
			sayNotice('Your password was changed and every session ended. Log in with the new password.');
			showLogin();
		});
	}

	async function start() {
		wireForms();
		let config = { passwordLogin: false, googleClientId: null };
		try {
			config = await api('GET', '/api/spa/config');
		}
		catch (problem) {
			sayError(problem);
		}
		const loginError = takeLoginError();
		$('password-login').hidden = !config.passwordLogin;
		if (config.googleClientId) {
			loadGoogleButton(config.googleClientId);
		}
		wireDemoApi(config.demoApi);
		switch (location.pathname) {
			case '/register':
				show('register');
				break;
			case '/verify-email':
				await verifyEmail(takeToken());
				break;
			case '/forgot-password':
				show('reset-request');
				break;
			case '/reset-password': {
				const token = takeToken();
				wireResetConfirm(token);
				show(token ? 'reset-confirm' : 'reset-request');
				break;
			}
			default:
				await resumeSession();
		}
		if (loginError) {
			say('error', loginError);
		}
		document.body.dataset.ready = 'true';
	}

	start();
})();
