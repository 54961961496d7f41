package org.vigia.health;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A finding: what is wrong, about what, since when, and the evidence.
 * @param accountId the account it is about, or null for a finding about a unit or a whole platform
 * @param unitId the unit it is about, for a finding about a unit (several accounts of it on one network)
 * @param organizationId the organization it concerns, or null when it concerns all of them
 * @param platform the platform id, such as {@code bluesky}
 * @param subject what it is about, in words
 * @param summary one line a person understands
 * @param evidence the facts behind it
 * @param dismissedUntil until when a dismissed finding stays quiet, or null (until the evidence changes)
 * @param dismissReason why it was dismissed
 * @param publishedAt since when an editor has published it as a confirmed impersonation (the public directory tells
 * citizens), or null
 */
public record Finding(long id, FindingType type, Severity severity, FindingStatus status, @Nullable Long accountId,
		@Nullable Long unitId, @Nullable Long organizationId, @Nullable String platform, String subject, String summary,
		Map<String, Object> evidence, Instant openedAt, Instant updatedAt, @Nullable Instant resolvedAt,
		@Nullable Instant dismissedUntil, @Nullable String dismissReason, @Nullable Instant publishedAt) {

	/** A finding nobody has published. */
	public Finding(long id, FindingType type, Severity severity, FindingStatus status, @Nullable Long accountId,
			@Nullable Long unitId, @Nullable Long organizationId, @Nullable String platform, String subject,
			String summary, Map<String, Object> evidence, Instant openedAt, Instant updatedAt,
			@Nullable Instant resolvedAt, @Nullable Instant dismissedUntil, @Nullable String dismissReason) {
		this(id, type, severity, status, accountId, unitId, organizationId, platform, subject, summary, evidence,
				openedAt, updatedAt, resolvedAt, dismissedUntil, dismissReason, null);
	}

}
