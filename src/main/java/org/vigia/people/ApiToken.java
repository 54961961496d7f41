package org.vigia.people;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An API token, without its secret (which is shown once, when it is created, and kept only as a SHA-256 hash).
 * @param id its id
 * @param userId its owner
 * @param name what its owner called it
 * @param scopes read, write or both
 * @param expiresAt when it stops working, if ever
 * @param lastUsedAt when it was last used (to the minute), if ever
 * @param createdAt when it was created
 * @param createdBy who created it (its owner, or an administrator for a service user)
 */
public record ApiToken(long id, long userId, String name, List<String> scopes, @Nullable Instant expiresAt,
		@Nullable Instant lastUsedAt, Instant createdAt, String createdBy) {

	public ApiToken {
		scopes = List.copyOf(scopes);
	}

}
