package org.vigia.platform.http;

import java.io.IOException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A request that got no usable answer; {@link #kind()} says why. */
public class HttpFailure extends IOException {

	/** Why a request failed. */
	public enum Kind {

		/** Connect, read or call timeout. */
		TIMEOUT,
		/** The target resolved to an address the guard refuses. */
		BLOCKED_ADDRESS,
		/** The answer was larger than allowed. */
		TOO_LARGE,
		/** More redirects than allowed, or a redirect to a non-http(s) URL. */
		BAD_REDIRECT,
		/** The host's rate limit does not allow a request soon enough; see {@link #retryAt()}. */
		RATE_LIMITED,
		/** DNS, connection or protocol failure. */
		CONNECTION

	}

	private final Kind kind;

	private final @Nullable Instant retryAt;

	private final int attempts;

	public HttpFailure(Kind kind, String message, @Nullable Instant retryAt, int attempts, @Nullable Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.retryAt = retryAt;
		this.attempts = attempts;
	}

	public Kind kind() {
		return kind;
	}

	public @Nullable Instant retryAt() {
		return retryAt;
	}

	public int attempts() {
		return attempts;
	}

}
