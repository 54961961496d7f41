package org.vigia.platform;

import java.net.URI;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Look-alike discovery's view of the platforms: account search, handle lookup and avatar bytes, all through the
 * guarded HTTP client. Never throws for what a platform or the network does; failures are part of the answers.
 */
public interface PlatformDirectory {

	/** The platforms {@link #search} and {@link #probe} work on: Bluesky and Mastodon. */
	Set<Platform> searchable();

	/**
	 * Searches a platform's accounts by name.
	 * @param query what to search for; surrounding and repeated whitespace is dropped and it is cut to
	 * 100 characters
	 * @param server Mastodon: the server whose search to ask, as {@code scheme://host[:port]} (required); ignored
	 * for Bluesky, which has one AppView
	 * @param limit the most accounts wanted, at least 1; capped at what the platform answers in one page (Bluesky
	 * 100, Mastodon 40)
	 * @throws IllegalArgumentException for a blank query, a limit below 1, a platform not in {@link #searchable()},
	 * or a missing or malformed Mastodon server
	 */
	AccountSearch search(Platform platform, String query, @Nullable URI server, int limit);

	/**
	 * Whether the handle names an account now. Bluesky asks the AppView for the profile; Mastodon asks the server
	 * of the address's URL for the account by name. UNKNOWN for platforms not in {@link #searchable()}.
	 */
	HandleProbe probe(AccountAddress address);

	/**
	 * An avatar's bytes, or null on any failure: a URL that is not https (http only where private addresses are
	 * allowed, as in tests), a refused address on any redirect hop, an error status, an answer that is not an image
	 * (SVG included, which can carry scripts) or is larger than {@code maxBytes}.
	 * @throws IllegalArgumentException when maxBytes is below 1
	 */
	byte @Nullable [] image(String url, int maxBytes);

}
