package org.vigia.platform;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Whether a handle names an account now. A handle is ABSENT only on the platform's own word: errors, blocks, limits
 * and unreachable servers are UNKNOWN, so that a passing outage never reads as a freed handle someone could take.
 * @param existence what the platform said
 * @param account the account, for EXISTS (and for SUSPENDED where the platform still shows it)
 * @param detail what the platform answered, or why nothing is known
 * @param retryAt for UNKNOWN after a rate limit: when the platform takes requests again, when it said so
 */
public record HandleProbe(Existence existence, @Nullable FoundAccount account, @Nullable String detail,
		@Nullable Instant retryAt) {

	public HandleProbe {
		Objects.requireNonNull(existence, "existence");
	}

	public static HandleProbe exists(FoundAccount account, @Nullable String detail) {
		return new HandleProbe(Existence.EXISTS, account, detail, null);
	}

	public static HandleProbe absent(String detail) {
		return new HandleProbe(Existence.ABSENT, null, detail, null);
	}

	public static HandleProbe suspended(@Nullable FoundAccount account, String detail) {
		return new HandleProbe(Existence.SUSPENDED, account, detail, null);
	}

	public static HandleProbe unknown(String detail, @Nullable Instant retryAt) {
		return new HandleProbe(Existence.UNKNOWN, null, detail, retryAt);
	}

	/** What a handle names now. */
	public enum Existence {

		/** An account answers to the handle. */
		EXISTS,
		/** The platform says no account has the handle: anyone could register it. */
		ABSENT,
		/**
		 * An account holds the handle but the platform does not show it: suspended or taken down, or (Bluesky)
		 * deactivated by its owner; {@code detail} says which.
		 */
		SUSPENDED,
		/** Nothing is known: the platform failed, refused, limited or could not be reached. */
		UNKNOWN

	}

}
