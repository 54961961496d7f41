package org.vigia.platform;

import org.jspecify.annotations.Nullable;

/**
 * What an adapter needs to check an account: its address and what earlier checks left behind.
 * @param address the registered account
 * @param platformId the platform's stable id seen on an earlier check (Bluesky DID, Mastodon account id), or null
 * @param etag the ETag of the last successful answer, for a conditional request
 * @param lastModified the Last-Modified of the last successful answer, for a conditional request
 * @param knownPosts the post count of the profile the last successful check saw, null when there was none: where a
 *     profile counts posts (Bluesky), an unchanged count lets a check skip reading the posts
 * @param account the registry account checked, for networks read with its organization's credentials; null where
 *     the check is not for a registry account (a look-alike candidate)
 */
public record CheckRequest(AccountAddress address, @Nullable String platformId, @Nullable String etag,
		@Nullable String lastModified, @Nullable Long knownPosts, @Nullable AccountRef account) {

	public CheckRequest(AccountAddress address, @Nullable String platformId, @Nullable String etag,
			@Nullable String lastModified, @Nullable Long knownPosts) {
		this(address, platformId, etag, lastModified, knownPosts, null);
	}

	public CheckRequest(AccountAddress address, @Nullable String platformId, @Nullable String etag,
			@Nullable String lastModified) {
		this(address, platformId, etag, lastModified, null);
	}

	public static CheckRequest of(AccountAddress address) {
		return new CheckRequest(address, null, null, null);
	}

}
