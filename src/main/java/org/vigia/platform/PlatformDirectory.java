package org.vigia.platform;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
	 * {@link #search(Platform, String, URI, int)}, waiting up to {@code patience} for a server's rate-limit window
	 * to leave room (Mastodon: see {@link #probe(List, Duration)}); RATE_LIMITED when that would take longer.
	 */
	default AccountSearch search(Platform platform, String query, @Nullable URI server, int limit, Duration patience) {
		return search(platform, query, server, limit);
	}

	/**
	 * Whether the handle names an account now. Bluesky asks the AppView for the profile; Mastodon asks the server
	 * of the address's URL for the account by name. UNKNOWN for platforms not in {@link #searchable()}.
	 */
	HandleProbe probe(AccountAddress address);

	/**
	 * How many handles of the platform one request of {@link #probe(List, Duration)} looks up: 25 on Bluesky
	 * ({@code app.bsky.actor.getProfiles}), one elsewhere.
	 */
	default int probeBatch(Platform platform) {
		return 1;
	}

	/**
	 * Whether each handle names an account now, in as few requests as the platform allows and within its published
	 * rate limits. Bluesky asks {@code app.bsky.actor.getProfiles} for up to {@link #probeBatch} actors at once, which
	 * answers the profiles that exist and leaves the others out: those are ABSENT (a taken-down or deactivated account
	 * included; a single handle is asked with getProfile, which tells them apart). Mastodon looks each name up on its
	 * server, spreading the lookups over each server's rate-limit window as its X-RateLimit-* headers describe it
	 * (Mastodon's default: 300 requests per 5 minutes), a tenth of it left for polling and searches: a lookup waits
	 * for the next window, up to {@code patience}, and is otherwise UNKNOWN with {@code retryAt}, unsent.
	 * @param addresses handles of one platform, at most {@link #probeBatch} of them
	 * @return an answer for every address
	 * @throws IllegalArgumentException for more than {@link #probeBatch} addresses or several platforms
	 */
	default Map<AccountAddress, HandleProbe> probe(List<AccountAddress> addresses, Duration patience) {
		var answers = new java.util.LinkedHashMap<AccountAddress, HandleProbe>();
		for (var address : addresses) {
			answers.put(address, probe(address));
		}
		return answers;
	}

	/**
	 * An avatar's bytes, or null on any failure: a URL that is not https (http only where private addresses are
	 * allowed, as in tests), a refused address on any redirect hop, an error status, an answer that is not an image
	 * (SVG included, which can carry scripts) or is larger than {@code maxBytes}.
	 * @throws IllegalArgumentException when maxBytes is below 1
	 */
	byte @Nullable [] image(String url, int maxBytes);

}
