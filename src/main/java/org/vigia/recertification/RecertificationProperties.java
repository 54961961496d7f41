package org.vigia.recertification;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Recertification campaigns.
 * @param cadence how often an organization's accounts are recertified, for organizations that set none
 * @param window how long people have to answer, for organizations that set none
 * @param linkGrace how long after the window closes a link still answers
 * @param reminderBefore how long before the window closes the first reminder goes out
 * @param visitsPerHour answer-page requests an address may make per hour; guessed links count ten times
 * @param interval how often the campaign job looks for rounds to start, remind and close
 * @param scheduleEnabled whether that happens on schedule
 */
@ConfigurationProperties("vigia.recertification")
record RecertificationProperties(@DefaultValue("P3M") Period cadence, @DefaultValue("P14D") Duration window,
		@DefaultValue("P7D") Duration linkGrace, @DefaultValue("P7D") Duration reminderBefore,
		@DefaultValue("120") int visitsPerHour, @DefaultValue("PT1H") Duration interval,
		@DefaultValue("true") boolean scheduleEnabled) {

	RecertificationProperties {
		require(!cadence.isNegative() && !cadence.isZero(), "vigia.recertification.cadence must be positive, was " + cadence);
		require(window.compareTo(Duration.ofHours(1)) >= 0, "vigia.recertification.window must be at least PT1H, was " + window);
		require(!linkGrace.isNegative(), "vigia.recertification.link-grace must not be negative, was " + linkGrace);
		require(!reminderBefore.isNegative(), "vigia.recertification.reminder-before must not be negative");
		require(visitsPerHour >= 10, "vigia.recertification.visits-per-hour must be at least 10, was " + visitsPerHour);
		require(interval.compareTo(Duration.ofSeconds(1)) >= 0, "vigia.recertification.interval must be at least 1s");
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
