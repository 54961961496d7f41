package org.vigia.platform.adapter;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpGet;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/** The requests of one check to a platform's JSON API, and the results of answers the check cannot use. */
public final class JsonCalls extends Calls {

	private final Api api;

	private final Clock clock;

	public JsonCalls(PlatformHttpClient http, Api api, Clock clock) {
		super(http);
		this.api = api;
		this.clock = clock;
	}

	public HttpResult get(String url) throws HttpFailure {
		return get(HttpGet.of(api.platform(), url).header("Accept", "application/json"));
	}

	/**
	 * An answer the check cannot use: the API's refusal, its failure, or a status it does not send.
	 * @param what the request, as {@link #what} names it, or an API method's own name ("channels.list")
	 */
	public CheckResult unexpected(HttpResult answer, Object what) {
		if (answer.status() == 429) {
			return CheckResult.failure(CheckOutcome.RATE_LIMITED, 429, latency(), requests(), problem(answer, what),
					retryAt(answer));
		}
		return CheckResult.failure(CheckOutcome.ERROR, answer.status(), latency(), requests(), problem(answer, what),
				null);
	}

	public CheckResult malformed(HttpResult answer, Object what) {
		return CheckResult.failure(CheckOutcome.ERROR, answer.status(), latency(), requests(), malformed(what), null);
	}

	/**
	 * What is wrong with an answer the caller cannot use, naming the API's own error when it sent one: a stored
	 * {@link Message}, written in the reader's language when shown.
	 */
	public String problem(HttpResult answer, Object what) {
		var detail = api.error().apply(answer).orElse(null);
		if (answer.status() == 429) {
			return said(Message.of("check.api.limited", api.server(), what), detail).encode();
		}
		return said(Message.of("check.api.unexpected", String.valueOf(answer.status()), what), detail).encode();
	}

	public String malformed(Object what) {
		return Message.of("check.api.malformed", what, api.sender()).encode();
	}

	/** A request as the messages name it ("the profile", "the account search"): {@code check.what.<name>}. */
	public static Message what(String name) {
		return Message.of("check.what." + name);
	}

	/** Retry-After where a proxy sets it, else the API's own rate-limit reset. */
	public @Nullable Instant retryAt(HttpResult answer) {
		var retryAfter = answer.retryAfter(clock);
		return (retryAfter != null) ? retryAfter : api.reset().apply(answer);
	}

	/**
	 * What differs between the JSON APIs Vigía reads.
	 * @param platform whose traffic the requests are
	 * @param server who answers, as messages name it ("the AppView", "the server"): a message
	 * @param sender whose JSON a malformed answer is not ("the AppView", "Mastodon"): a message or a name
	 * @param error the error text of an answer, when the answer is the API's error
	 * @param reset when the API's own rate-limit headers say it takes requests again; null when they do not say
	 */
	public record Api(Platform platform, Object server, Object sender, Function<HttpResult, Optional<String>> error,
			Function<HttpResult, @Nullable Instant> reset) {
	}

}
