package org.vigia.polling;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.CheckOutcome;

/** What polling currently knows about an account: its last activity and how its checks went. */
public record AccountState(long accountId, @Nullable Instant lastActivityAt, @Nullable String newestPostUrl,
		@Nullable Instant lastCheckedAt, @Nullable Instant lastSuccessAt, @Nullable CheckOutcome lastOutcome,
		int consecutiveFailures, @Nullable String movedTo, Instant nextDueAt) {
}
