package org.vigia.discovery.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Platform;

/**
 * What scoring knows of an account, official or candidate: its canonical handle (as {@link Platform#parse} gives it,
 * e.g. {@code aytomadrid@mastodon.social} or {@code aytomadrid.bsky.social}) and the public profile facts that
 * impersonators copy. Everything but the handle may be missing; all of it comes from the platform and is untrusted.
 */
public record Identity(Platform platform, String handle, @Nullable String displayName, @Nullable String bio,
		List<Link> links, @Nullable Long avatarHash, @Nullable Instant createdAt, @Nullable Long followers) {

	public Identity {
		Objects.requireNonNull(platform, "platform");
		Objects.requireNonNull(handle, "handle");
		links = (links == null) ? List.of() : List.copyOf(links);
	}

	/** An identity with a handle and display name only, for tests and callers that know no more. */
	public static Identity of(Platform platform, String handle, @Nullable String displayName) {
		return new Identity(platform, handle, displayName, null, List.of(), null, null, null);
	}

}
