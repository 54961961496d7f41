package org.vigia.platform;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What one account search on a platform found, or why it found nothing: a search that failed must not read as a
 * search that found no look-alikes.
 * @param status whether the search ran
 * @param accounts the accounts found, in the platform's order of relevance; empty unless OK
 * @param error why the search did not run, for RATE_LIMITED and UNAVAILABLE
 * @param retryAt for RATE_LIMITED: when the platform takes requests again, when it said so
 * @param requests HTTP requests made, retries included
 */
public record AccountSearch(Status status, List<FoundAccount> accounts, @Nullable String error,
		@Nullable Instant retryAt, int requests) {

	public AccountSearch {
		Objects.requireNonNull(status, "status");
		accounts = List.copyOf(accounts);
	}

	public static AccountSearch ok(List<FoundAccount> accounts, int requests) {
		return new AccountSearch(Status.OK, accounts, null, null, requests);
	}

	public static AccountSearch rateLimited(String error, @Nullable Instant retryAt, int requests) {
		return new AccountSearch(Status.RATE_LIMITED, List.of(), error, retryAt, requests);
	}

	public static AccountSearch unavailable(String error, int requests) {
		return new AccountSearch(Status.UNAVAILABLE, List.of(), error, null, requests);
	}

	/** Whether a search ran. */
	public enum Status {

		/** The platform answered the search; no accounts means it knows none that match. */
		OK,
		/** The platform asked to slow down; try again at {@code retryAt}. */
		RATE_LIMITED,
		/**
		 * The search cannot be used: errors, no answer, a malformed answer, or a server that lets only signed-in
		 * users search.
		 */
		UNAVAILABLE

	}

}
