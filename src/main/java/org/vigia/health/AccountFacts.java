package org.vigia.health;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

/**
 * Everything the rules know about one account: the registry entry, its owners, and what polling last saw.
 * @param state what polling saw, or null when the account was never checked under its current handle
 * @param profile the latest profile polling saw, or null
 * @param guideline the organization's guidelines
 * @param reported the newest last post a person reported through recertification, or null
 */
record AccountFacts(long accountId, long organizationId, String organizationName, List<String> aliases,
		List<String> officialDomains, @Nullable Long unitId, @Nullable String unitName, List<String> unitContacts,
		@Nullable String contactEmail, Platform platform, String handle, boolean active,
		@Nullable Integer maxSilenceDays, @Nullable State state, @Nullable ProfileFacts profile, Guideline guideline,
		@Nullable Reported reported) {

	/** What the latest checks said. */
	record State(@Nullable Instant lastCheckedAt, @Nullable Instant lastSuccessAt, @Nullable Instant lastActivityAt,
			@Nullable String newestPostUrl, @Nullable CheckOutcome lastOutcome, @Nullable Integer lastHttpStatus,
			int outcomeStreak, int consecutiveFailures, @Nullable Instant failingSince, @Nullable String lastError,
			@Nullable String movedTo, @Nullable String platformId, @Nullable Integer recentPosts,
			@Nullable Double replyShare) {

		boolean failing() {
			return lastOutcome == CheckOutcome.ERROR || lastOutcome == CheckOutcome.RATE_LIMITED;
		}

	}

	/**
	 * The latest profile.
	 * @param links the link fields' values
	 */
	record ProfileFacts(@Nullable String displayName, @Nullable String bio, @Nullable String avatarUrl,
			List<String> links, @Nullable Instant createdAt) {
	}

	/**
	 * A person's word on when the account last posted (recertification's {@code recertification_reported_activity}):
	 * evidence of activity where Vigía cannot read the network.
	 */
	record Reported(Instant lastPostAt, String reportedBy, Instant reportedAt) {
	}

	/** What people call the account in a sentence: its handle and network. */
	String subject() {
		return Message.of("subject.account", handle, platform.label()).encode();
	}

}
