package org.vigia.platform.adapter;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckResult;
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

	public Calls(PlatformHttpClient http) {
		this.http = http;
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
		var message = describe(failure);
		if (failure.kind() == HttpFailure.Kind.RATE_LIMITED) {
			return CheckResult.failure(CheckOutcome.RATE_LIMITED, null, latency, requests, message, failure.retryAt());
		}
		return CheckResult.failure(CheckOutcome.ERROR, null, latency, requests, message, null);
	}

	/** What went wrong with a request that got no answer. */
	public static String describe(HttpFailure failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : failure.kind().name();
	}

	public CheckResult error(@Nullable Integer httpStatus, String message) {
		return CheckResult.failure(CheckOutcome.ERROR, httpStatus, latency, requests, message, null);
	}

	public CheckResult gone(CheckOutcome outcome, HttpResult answer, String detail) {
		return CheckResult.gone(outcome, answer.status(), latency, requests, detail);
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
