package org.vigia.platform.http;

import java.io.IOException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A request that got no usable answer; {@link #kind()} says why. */
public class HttpFailure extends IOException {

	/** Why a request failed. */
	public enum Kind {

		/** Connect, read or call timeout; retried once. */
		TIMEOUT,
		/**
		 * The URL or a redirect points to an address the guard refuses: by IP literal, by a name such as
		 * {@code localhost}, or by what the name resolves to. Never retried.
		 */
		BLOCKED_ADDRESS,
		/** The answer, decompressed, was larger than allowed. */
		TOO_LARGE,
		/** More redirects than allowed, or a redirect to a non-http(s) URL. */
		BAD_REDIRECT,
		/**
		 * The host's rate limit does not allow a request soon enough, or it kept answering 429 Too Many Requests;
		 * {@link #retryAt()} says when it takes requests again, when the host said so.
		 */
		RATE_LIMITED,
		/** DNS, connection or protocol failure, a URL that is not http(s), or a thread interrupted while waiting. */
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
