package org.vigia.platform;

import org.jspecify.annotations.Nullable;

/**
 * What an adapter needs to check an account: its address and what earlier checks left behind.
 * @param address the registered account
 * @param platformId the platform's stable id seen on an earlier check (Bluesky DID, Mastodon account id), or null
 * @param etag the ETag of the last successful answer, for a conditional request
 * @param lastModified the Last-Modified of the last successful answer, for a conditional request
 */
public record CheckRequest(AccountAddress address, @Nullable String platformId, @Nullable String etag,
		@Nullable String lastModified) {

	public static CheckRequest of(AccountAddress address) {
		return new CheckRequest(address, null, null, null);
	}

}
