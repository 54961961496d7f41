package org.vigia.platform;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Everything one check of an account learnt, or why it learnt nothing.
 * @param outcome what the check found
 * @param httpStatus the status of the answer that decided the outcome, when there was one
 * @param latency time spent on the check, all requests included
 * @param requests how many HTTP requests the check made, retries included
 * @param error what went wrong, for RATE_LIMITED and ERROR (and a note for other outcomes), never a secret
 * @param lastActivityAt the newest public activity seen (posts, boosts, reposts), null when unknown
 * @param newestPostUrl the link to that activity
 * @param notModified whether the server answered 304: nothing changed since the last check
 * @param profile the profile as seen now, null when not read
 * @param recentPosts how many recent posts were looked at for {@code replyShare}
 * @param replyShare the share (0 to 1) of replies among those posts, null where the platform does not show replies
 * @param movedTo for MOVED: the account's new handle or URL
 * @param platformId the platform's stable id of the account (Bluesky DID, Mastodon account id)
 * @param etag the ETag to send next time
 * @param lastModified the Last-Modified to send next time
 * @param retryAt for RATE_LIMITED: when the platform allows the next request
 */
public record CheckResult(CheckOutcome outcome, @Nullable Integer httpStatus, Duration latency, int requests,
		@Nullable String error, @Nullable Instant lastActivityAt, @Nullable String newestPostUrl, boolean notModified,
		@Nullable Profile profile, @Nullable Integer recentPosts, @Nullable Double replyShare, @Nullable String movedTo,
		@Nullable String platformId, @Nullable String etag, @Nullable String lastModified, @Nullable Instant retryAt) {

	/** A check that learnt nothing. */
	public static CheckResult failure(CheckOutcome outcome, @Nullable Integer httpStatus, Duration latency,
			int requests, String error, @Nullable Instant retryAt) {
		return new CheckResult(outcome, httpStatus, latency, requests, error, null, null, false, null, null, null,
				null, null, null, null, retryAt);
	}

	/** A platform Vigía cannot poll yet. */
	public static CheckResult unsupported(Platform platform) {
		return failure(CheckOutcome.UNSUPPORTED, null, Duration.ZERO, 0,
				Message.of("check.unsupported", platform.label()).encode(), null);
	}

	/** The platform says the account is gone (NOT_FOUND, SUSPENDED, DEACTIVATED). */
	public static CheckResult gone(CheckOutcome outcome, int httpStatus, Duration latency, int requests,
			String detail) {
		return new CheckResult(outcome, httpStatus, latency, requests, detail, null, null, false, null, null, null,
				null, null, null, null, null);
	}

}
