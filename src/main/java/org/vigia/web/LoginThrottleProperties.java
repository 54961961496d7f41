package org.vigia.web;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many wrong passwords Vigía takes before it refuses logins for a while.
 * @param maxFailuresPerUser failures for one user name before its logins are refused
 * @param maxFailuresPerAddress failures from one client address (an IPv6 /64) before its logins are refused
 * @param window how long failures are remembered: a count starts again after this long without a failure
 * @param delay how long logins are refused once a limit is reached; it doubles with every further failure
 * @param maxDelay the longest refusal
 */
@ConfigurationProperties("vigia.security.login-throttle")
@Validated
record LoginThrottleProperties(@DefaultValue("5") @Min(1) @Max(1000) int maxFailuresPerUser,
		@DefaultValue("20") @Min(1) @Max(100000) int maxFailuresPerAddress, @DefaultValue("PT15M") Duration window,
		@DefaultValue("PT1M") Duration delay, @DefaultValue("PT15M") Duration maxDelay) {

	LoginThrottleProperties {
		require(window, "vigia.security.login-throttle.window");
		require(delay, "vigia.security.login-throttle.delay");
		require(maxDelay, "vigia.security.login-throttle.max-delay");
		if (maxDelay.compareTo(delay) < 0) {
			throw new IllegalArgumentException("vigia.security.login-throttle.max-delay must be at least the delay ("
					+ delay + "), was " + maxDelay);
		}
	}

	private static void require(Duration value, String property) {
		if (value.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(property + " must be at least one second, was " + value);
		}
	}

	/** How long the failure that makes a key's count {@code failures} refuses further logins, if it does. */
	Duration refusal(int failures, int limit) {
		int beyond = Math.min(failures - limit, 30);
		var grown = delay.multipliedBy(1L << beyond);
		return grown.compareTo(maxDelay) > 0 ? maxDelay : grown;
	}

}
