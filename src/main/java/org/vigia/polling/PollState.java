package org.vigia.polling;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.CheckOutcome;

/**
 * What polling keeps about an account between checks, one row of {@code account_state}: the facts learnt (for the
 * handle they were learnt for), the validators for the next conditional request, and how the checks have gone.
 * @param handle the handle these facts were learnt for; null before the first check
 * @param consecutiveFailures checks in a row that failed (ERROR, RATE_LIMITED)
 * @param outcomeStreak checks in a row, of this handle, with {@code lastOutcome}
 * @param failingSince when the current run of failures began
 * @param nextDueAt when the account is next due; null while it has no row
 */
record PollState(@Nullable String handle, @Nullable String platformId, @Nullable String etag,
		@Nullable String lastModified, @Nullable Instant lastActivityAt, @Nullable String newestPostUrl,
		@Nullable Instant lastCheckedAt, @Nullable Instant lastSuccessAt, @Nullable CheckOutcome lastOutcome,
		@Nullable Integer lastHttpStatus, int consecutiveFailures, int outcomeStreak, @Nullable Instant failingSince,
		@Nullable String lastError, @Nullable Integer recentPosts, @Nullable Double replyShare,
		@Nullable String movedTo, @Nullable Long profileId, @Nullable Instant nextDueAt) {

	/** An account polling has no row for yet. */
	static final PollState NONE = new PollState(null, null, null, null, null, null, null, null, null, null, 0, 0, null,
			null, null, null, null, null, null);

}
