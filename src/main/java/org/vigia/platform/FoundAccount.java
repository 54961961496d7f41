package org.vigia.platform;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An account a search or lookup found, in canonical form with its profile, so that discovery compares it with the
 * registry exactly as it compares registered accounts.
 * @param address the canonical address, as {@link Platform#parse} makes it
 * @param platformId Bluesky: the DID. Mastodon: the searched or asked server's id of the account; for an account of
 * another server that is the asking server's local copy's id, which tells accounts apart on that server only
 * @param profile the public profile. Bluesky search results carry no follower, following or post counts (the search
 * answers profile views without them): those are null there, and a {@link PlatformDirectory#probe probe} reads them
 */
public record FoundAccount(AccountAddress address, @Nullable String platformId, Profile profile) {

	public FoundAccount {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(profile, "profile");
	}

}
