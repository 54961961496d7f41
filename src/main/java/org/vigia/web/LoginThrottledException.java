package org.vigia.web;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A login refused without checking the password: too many recent failures for its user name or address. */
public class LoginThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("Too many failed logins; try again in " + seconds(retryAfter) + " seconds");
		this.retryAfter = retryAfter;
	}

	/** How long until a login may be tried again, in whole seconds (at least one). */
	public long retryAfterSeconds() {
		return seconds(retryAfter);
	}

	/** The same in whole minutes (at least one), for people. */
	public long retryAfterMinutes() {
		return Math.max(1, (seconds(retryAfter) + 59) / 60);
	}

	private static long seconds(Duration duration) {
		return Math.max(1, duration.plusNanos(999_999_999).getSeconds());
	}

}
