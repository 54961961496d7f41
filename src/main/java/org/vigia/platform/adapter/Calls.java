package org.vigia.platform.adapter;

import java.time.Duration;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.AccountRef;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpGet;
import org.vigia.platform.http.HttpPost;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/** The requests of one check, whose time and attempts add up in its result, and the results of failed requests. */
public class Calls {

	private final PlatformHttpClient http;

	private Duration latency = Duration.ZERO;

	private int requests;

	// The last refusal of a credential by the network, said when no other credential reads the account.
	private @Nullable Message refusal;

	public Calls(PlatformHttpClient http) {
		this.http = http;
	}

	/** What one credential reads of an account, or null when the network refused it and the next one may be tried. */
	@FunctionalInterface
	public interface Reading {

		@Nullable CheckResult read(Credential credential) throws HttpFailure;

	}

	/**
	 * Checks an account with the credentials of its organization that {@code usable} accepts, in the order
	 * {@link Credentials#forAccount} gives them, until one reads it; else {@link #unreachable}: no module keeps
	 * connections, the request names no account, the organization has no such connection, or the network refused
	 * every one.
	 * @param unconnected what the check says when no credential reaches the account at all (UNSUPPORTED)
	 */
	public CheckResult withCredentials(@Nullable Credentials credentials, Platform platform,
			@Nullable AccountRef account, Predicate<Credential> usable, Reading reading, Message what,
			Message unconnected) {
		if (credentials == null || account == null) {
			return unreachable(what, unconnected);
		}
		return check(() -> {
			for (var credential : credentials.forAccount(platform, account)) {
				if (!usable.test(credential)) {
					continue;
				}
				var result = reading.read(credential);
				if (result != null) {
					return result;
				}
			}
			return unreachable(what, unconnected);
		});
	}

	/**
	 * The network refused a credential (an expired or revoked token, a permission taken back): its connection is told
	 * at once, and the refusal is what the check says if no other credential reads the account.
	 * @param reason why, for the connection
	 * @param api the API's name, as the check says it
	 * @param said what the API said
	 */
	public void refused(Credentials credentials, Credential credential, Message reason, String api, String said) {
		credentials.refused(credential, reason);
		refusal = said(Message.of("check.connection.refused", api, String.valueOf(credential.connectionId())), said);
	}

	/**
	 * The check after every credential was tried and refused (an error that says the last refusal), or when none
	 * reaches the account ({@code unconnected}, UNSUPPORTED).
	 */
	public CheckResult unreachable(Message what, Message unconnected) {
		if (refusal != null) {
			return error(null, Message.of("check.connection.noOther", refusal, what));
		}
		return CheckResult.failure(CheckOutcome.UNSUPPORTED, null, latency, requests, unconnected.encode(), null);
	}

	/** The result of a check's requests or, when one of them got no answer, of that failure. */
	public CheckResult check(Requests check) {
		try {
			return check.send();
		}
		catch (HttpFailure failure) {
			return failed(failure);
		}
	}

	public HttpResult get(HttpGet get) throws HttpFailure {
		return count(() -> http.get(get));
	}

	/** A POST (an API that reads through a POST, an OAuth token request) counted like a GET. */
	public HttpResult post(HttpPost post) throws HttpFailure {
		return count(() -> http.post(post));
	}

	private HttpResult count(Request request) throws HttpFailure {
		long started = System.nanoTime();
		try {
			var answer = request.send();
			latency = latency.plus(answer.latency());
			requests += answer.attempts();
			return answer;
		}
		catch (HttpFailure failure) {
			latency = latency.plus(Duration.ofNanos(System.nanoTime() - started));
			requests += failure.attempts();
			throw failure;
		}
	}

	public Duration latency() {
		return latency;
	}

	public int requests() {
		return requests;
	}

	public CheckResult failed(HttpFailure failure) {
		var message = failure(failure).encode();
		if (failure.kind() == HttpFailure.Kind.RATE_LIMITED) {
			return CheckResult.failure(CheckOutcome.RATE_LIMITED, null, latency, requests, message, failure.retryAt());
		}
		return CheckResult.failure(CheckOutcome.ERROR, null, latency, requests, message, null);
	}

	/** What went wrong with a request that got no answer, in English, for the log. */
	public static String describe(HttpFailure failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : failure.kind().name();
	}

	/**
	 * What went wrong with a request that got no answer, for the reader: a sentence per kind of failure in the
	 * reader's language, with the HTTP layer's own detail (the timeout, the refused address), itself a message, as its
	 * argument.
	 */
	public static Message failure(HttpFailure failure) {
		return Message.of("check.failure." + failure.kind().name(), failure.detail());
	}

	/** A platform's own words (an API's error text) or a technical detail, short enough to keep with a check. */
	public static String detail(@Nullable String text) {
		if (text == null) {
			return "";
		}
		return (text.length() <= DETAIL) ? text : text.substring(0, DETAIL - 1) + "…";
	}

	private static final int DETAIL = 300;

	/** The sentence, followed by what the platform said in its own words when it said anything. */
	public static Message said(Message sentence, @Nullable String detail) {
		return (detail == null || detail.isBlank()) ? sentence : Message.of("check.said", sentence, detail(detail));
	}

	public CheckResult error(@Nullable Integer httpStatus, Message message) {
		return CheckResult.failure(CheckOutcome.ERROR, httpStatus, latency, requests, message.encode(), null);
	}

	public CheckResult gone(CheckOutcome outcome, HttpResult answer, Message detail) {
		return CheckResult.gone(outcome, answer.status(), latency, requests, detail.encode());
	}

	@FunctionalInterface
	private interface Request {

		HttpResult send() throws HttpFailure;

	}

	/** A check's requests, any of which may get no answer. */
	@FunctionalInterface
	public interface Requests {

		CheckResult send() throws HttpFailure;

	}

}
