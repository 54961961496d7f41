package org.vigia.alerts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A mail in the outbox.
 * @param kind ALERT, DIGEST (the daily digest, reminders included) or REPORT (the weekly report)
 * @param status PENDING, SENT or FAILED
 * @param attempts how many times sending was tried
 * @param lastError why the last attempt failed
 */
public record Notification(long id, String kind, List<String> recipients, String subject, String status,
		int attempts, @Nullable String lastError, String messageId, Instant createdAt, @Nullable Instant sentAt) {
}
