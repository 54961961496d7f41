package org.vigia.platform.meta;

import java.time.Clock;
import java.util.Map;

import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.http.HttpFailure;

/**
 * The token answers of Meta's APIs, {@code {"access_token","token_type","expires_in"}} ({@code token_type} may be
 * missing, {@code expires_in} too where a token does not expire), for the authorizations of the networks.
 */
public final class GraphTokens {

	private GraphTokens() {
	}

	/**
	 * Calls a token endpoint, answering the token it gives.
	 * @throws IllegalStateException when the call fails or the API refuses; the message names what the API said
	 *     and never a token or secret
	 */
	public static NetworkAuthorization.Token exchange(Graph graph, Calls calls, Platform platform, String path,
			Map<String, String> params, Clock clock, String what) {
		var answer = send(() -> graph.exchange(calls, platform, path, params), graph, what);
		var body = answer.body();
		var accessToken = Json.text(body, "access_token");
		if (accessToken == null || accessToken.isBlank()) {
			throw new IllegalStateException(graph.name() + " answered " + what + " without an access_token");
		}
		var expiresIn = Json.number(body, "expires_in");
		var expiresAt = (expiresIn == null || expiresIn <= 0) ? null : clock.instant().plusSeconds(expiresIn);
		return new NetworkAuthorization.Token(accessToken, null, expiresAt, null);
	}

	/** Sends a call whose failure the caller cannot recover from: the answer when it is a JSON object, else throws. */
	public static Graph.Answer send(Call call, Graph graph, String what) {
		Graph.Answer answer;
		try {
			answer = call.send();
		}
		catch (HttpFailure failure) {
			throw new IllegalStateException(graph.name() + " did not answer " + what + ": " + Calls.describe(failure),
					failure);
		}
		if (answer.ok()) {
			return answer;
		}
		if (answer.error() != null) {
			throw new IllegalStateException(graph.name() + " refused " + what + ": " + answer.error().describe());
		}
		if (answer.limited()) {
			throw new IllegalStateException(graph.name() + " limits calls; " + what + " can be tried again at "
					+ answer.retryAt());
		}
		throw new IllegalStateException(graph.name() + " answered " + what + " with HTTP " + answer.status()
				+ " and no JSON it sends");
	}

	/** A call that may get no answer. */
	@FunctionalInterface
	public interface Call {

		Graph.Answer send() throws HttpFailure;

	}

}
