package org.vigia.platform.meta;

import java.time.Clock;
import java.util.Map;

import org.vigia.platform.AuthorizationException;
import org.vigia.platform.Message;
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
			Map<String, String> params, Clock clock, Message what) {
		var answer = send(() -> graph.exchange(calls, platform, path, params), graph, what);
		var body = answer.body();
		var accessToken = Json.text(body, "access_token");
		if (accessToken == null || accessToken.isBlank()) {
			throw new AuthorizationException(Message.of("auth.without", graph.name(), what, "access_token"));
		}
		var expiresIn = Json.number(body, "expires_in");
		var expiresAt = (expiresIn == null || expiresIn <= 0) ? null : clock.instant().plusSeconds(expiresIn);
		return new NetworkAuthorization.Token(accessToken, null, expiresAt, null);
	}

	/** Sends a call whose failure the caller cannot recover from: the answer when it is a JSON object, else throws. */
	public static Graph.Answer send(Call call, Graph graph, Message what) {
		Graph.Answer answer;
		try {
			answer = call.send();
		}
		catch (HttpFailure failure) {
			throw new AuthorizationException(Message.of("auth.noAnswer", graph.name(), what, failure.detail()), failure);
		}
		if (answer.ok()) {
			return answer;
		}
		if (answer.error() != null) {
			throw new AuthorizationException(Message.of("auth.refused", graph.name(), what, answer.error().describe()));
		}
		if (answer.limited()) {
			throw new AuthorizationException(
					Message.of("auth.limited", graph.name(), what, String.valueOf(answer.retryAt())));
		}
		throw new AuthorizationException(Message.of("auth.noJson", graph.name(), what, String.valueOf(answer.status())));
	}

	/** A call that may get no answer. */
	@FunctionalInterface
	public interface Call {

		Graph.Answer send() throws HttpFailure;

	}

}
