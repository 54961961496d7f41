package org.vigia.platform;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an account's public profile says, as plain text (never HTML): the facts guideline and impersonation checks
 * compare.
 */
public record Profile(@Nullable String displayName, @Nullable String bio, @Nullable String avatarUrl,
		@Nullable Long followers, @Nullable Long following, @Nullable Long posts, List<Field> fields, boolean bot,
		@Nullable Instant createdAt) {

	public Profile {
		fields = fields == null ? List.of() : List.copyOf(fields);
	}

	/** A profile metadata field (Mastodon), with the time the server verified its link, if it did. */
	public record Field(String name, String value, @Nullable Instant verifiedAt) {
	}

}
