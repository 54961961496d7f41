package org.vigia.health;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One change in a finding's life, as recorded in its history and published to the alerts.
 * @param from the status before, or null when the finding was opened
 * @param unitId the unit, for a finding about a unit rather than one of its accounts
 * @param actor {@code vigia} for the rules, else the user's name
 * @param reason why, in words
 * @param summary the finding's summary at that moment
 * @param evidence the finding's evidence at that moment
 */
public record FindingTransition(long id, long findingId, FindingType type, Severity severity, TransitionKind kind,
		@Nullable FindingStatus from, FindingStatus to, Instant at, String actor, @Nullable String reason,
		@Nullable Long accountId, @Nullable Long unitId, @Nullable Long organizationId, @Nullable String platform,
		String subject, String summary, Map<String, Object> evidence) {

	/** The actor name of the rules. */
	public static final String RULES = "vigia";

}
