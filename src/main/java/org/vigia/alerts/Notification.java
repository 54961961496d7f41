package org.vigia.alerts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A mail in the outbox.
 * @param kind ALERT (more kinds come with digests and reports)
 * @param status PENDING, SENT or FAILED
 * @param attempts how many times sending was tried
 * @param lastError why the last attempt failed
 */
public record Notification(long id, String kind, List<String> recipients, String subject, String status,
		int attempts, @Nullable String lastError, String messageId, Instant createdAt, @Nullable Instant sentAt) {
}
