package org.vigia.web;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.vigia.common.Audited;

/**
 * Every password check of the dashboard's form and of HTTP Basic, throttled and logged: each login and each failure
 * is a line in the {@code org.vigia.login} log with the user name and the client address (never the password).
 * Whatever checks the password (the users of the configuration today) is the delegate.
 */
final class ThrottledAuthenticationManager implements AuthenticationManager {

	private static final Logger log = LoggerFactory.getLogger("org.vigia.login");

	private final AuthenticationManager delegate;

	private final LoginThrottle throttle;

	private final ApplicationEventPublisher events;

	private final SignInAudit signIns;

	ThrottledAuthenticationManager(AuthenticationManager delegate, LoginThrottle throttle,
			ApplicationEventPublisher events, SignInAudit signIns) {
		this.signIns = signIns;
		this.delegate = delegate;
		this.throttle = throttle;
		this.events = events;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		if (!(authentication instanceof UsernamePasswordAuthenticationToken)) {
			return delegate.authenticate(authentication);
		}
		var username = authentication.getName();
		var address = authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
		LoginThrottle.Attempt attempt;
		try {
			attempt = throttle.begin(username, address);
		}
		catch (LoginThrottledException ex) {
			log.warn("Login refused for user '{}' from {}: too many failures, next try in {} s", printable(username),
					address, ex.retryAfterSeconds());
			refused(username, address, "throttled");
			throw ex;
		}
		Authentication result;
		try {
			result = delegate.authenticate(authentication);
		}
		catch (InternalAuthenticationServiceException ex) {
			// The user store failed, so no password was checked: that is not a guess.
			attempt.abandoned();
			throw ex;
		}
		catch (AuthenticationException ex) {
			log.warn("Login failed for user '{}' from {}: {}", printable(username), address, ex.getClass().getSimpleName());
			refused(username, address, ex.getClass().getSimpleName());
			throw ex;
		}
		catch (RuntimeException ex) {
			attempt.abandoned();
			throw ex;
		}
		attempt.succeeded();
		log.info("Login of user '{}' from {}", printable(username), address);
		// The form's sign-in is recorded once its session starts; a Basic call signs in at every request.
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
				&& request.getRequest().getHeader("Authorization") != null
				&& request.getRequest().getHeader("Authorization").regionMatches(true, 0, "Basic ", 0, 6)) {
			signIns.succeeded(result.getName(), address, "basic");
		}
		return result;
	}

	/** A refused sign-in goes to the audit trail, in a transaction of its own (nothing else happens). */
	private void refused(String username, String address, String reason) {
		try {
			events.publishEvent(new Audited("signin.refused", "user", null, null, null, Map.of("reason", reason),
					printable(username), address));
		}
		catch (RuntimeException ex) {
			log.warn("A refused sign-in could not be written to the audit trail: {}", ex.toString());
		}
	}

	/** A user name as typed by anyone: control characters would forge log lines, and length is no information. */
	static String printable(String username) {
		var cut = username.length() > 64 ? username.substring(0, 64) + "…" : username;
		var printable = new StringBuilder(cut.length());
		cut.codePoints().forEach(c -> {
			if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
					|| Character.getType(c) == Character.LINE_SEPARATOR
					|| Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
				printable.append(String.format("\\u%04x", c));
			}
			else {
				printable.appendCodePoint(c);
			}
		});
		return printable.toString();
	}

}
