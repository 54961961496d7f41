package org.vigia.polling;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.Profile;

/** One recorded check of an account, as the activity history shows it; the profile only where it changed. */
public record AccountCheck(long id, Instant checkedAt, CheckOutcome outcome, @Nullable Integer httpStatus,
		int latencyMs, int requests, @Nullable String error, @Nullable Instant lastActivityAt,
		@Nullable String newestPostUrl, boolean notModified, @Nullable Integer recentPosts,
		@Nullable Double replyShare, @Nullable String movedTo, @Nullable Long runId, @Nullable Profile profile) {
}
