package org.vigia.platform.http;

import java.io.IOException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.Message;

/**
 * A request that got no usable answer; {@link #kind()} says why and {@link #detail()} how, as a message the reader
 * sees in their language. The exception's own message is that detail in English, for the log, followed by the
 * network's own technical words when there are any.
 */
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

	private final Message detail;

	public HttpFailure(Kind kind, Message detail, @Nullable Instant retryAt, int attempts, @Nullable Throwable cause) {
		this(kind, detail, null, retryAt, attempts, cause);
	}

	/**
	 * @param technical what the network library said (in English, never shown to a reader), added to the log's
	 * message only
	 */
	public HttpFailure(Kind kind, Message detail, @Nullable String technical, @Nullable Instant retryAt, int attempts,
			@Nullable Throwable cause) {
		super(detail.english() + ((technical == null || technical.isBlank()) ? "" : ": " + technical), cause);
		this.kind = kind;
		this.detail = detail;
		this.retryAt = retryAt;
		this.attempts = attempts;
	}

	/** How the request failed (the timeout, the refused address, the limit), as a message code and arguments. */
	public Message detail() {
		return detail;
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
