package org.vigia.registry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Platform;

/**
 * An account of an organization that publishes its directory, with what the public may see of it and what the
 * directory needs to answer about it (its status and since when). Never contacts, notes or anything about people.
 * @param registeredAt since when the registry lists it as official
 * @param archivedAt since when it is no longer official, for an archived account
 */
public record PublishedAccount(long accountId, long organizationId, String organizationName, String organizationSlug,
		Platform platform, String handle, String url, @Nullable String displayName, @Nullable String unit,
		@Nullable String purpose, @Nullable String language, AccountStatus status, Instant registeredAt,
		@Nullable Instant archivedAt) {
}
