package org.vigia.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.vigia.common.Audited;

/**
 * Sign-ins of scripts to the audit trail. HTTP Basic and API tokens sign in at every request: the trail records the
 * first sign-in of a person from an address through each means, then again after an hour, on each node (an entry per
 * API call would bury everything else). Refusals are all recorded.
 */
final class SignInAudit {

	private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

	static final Duration QUIET = Duration.ofHours(1);

	private static final int MAX_REMEMBERED = 10_000;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Map<String, Instant> recorded = new ConcurrentHashMap<>();

	SignInAudit(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	/** A sign-in through {@code through} (basic, token), recorded unless recorded within the hour. */
	void succeeded(String username, String address, String through) {
		var now = clock.instant();
		var key = through + " " + username.toLowerCase(java.util.Locale.ROOT) + " " + address;
		var last = recorded.get(key);
		if (last != null && now.isBefore(last.plus(QUIET))) {
			return;
		}
		if (recorded.size() > MAX_REMEMBERED) {
			recorded.clear();
		}
		recorded.put(key, now);
		publish(new Audited("signin.succeeded", "user", null, null, null, Map.of("through", through), username,
				address));
	}

	/** A refused sign-in through {@code through}; the user name when one was given. */
	void refused(@Nullable String username, String address, String through, String reason) {
		publish(new Audited("signin.refused", "user", null, null, null, Map.of("through", through, "reason", reason),
				username, address));
	}

	private void publish(Audited event) {
		try {
			events.publishEvent(event);
		}
		catch (RuntimeException ex) {
			log.warn("A sign-in could not be written to the audit trail: {}", ex.toString());
		}
	}

}
