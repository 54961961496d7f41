package org.vigia.platform.meta;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.vigia.platform.AccountRef;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * The Graph API calls of one check, made with the credentials of the account's organization: what a refused
 * credential, a throttle or an error answer means for the check, and for the connection.
 */
public final class GraphCalls extends Calls {

	// Graph API times: 2026-04-30T09:30:00+0000.
	private static final DateTimeFormatter GRAPH_TIME = new DateTimeFormatterBuilder()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.appendPattern("[XXX][XX][X]")
		.toFormatter();

	/** Credentials where no module keeps connections: nothing reaches any account. */
	public static final Credentials NO_CREDENTIALS = new Credentials() {

		@Override
		public List<Credential> forAccount(Platform platform, AccountRef account) {
			return List.of();
		}

		@Override
		public void worked(Credential credential) {
		}

		@Override
		public void refused(Credential credential, Message reason) {
		}

	};

	/** What one credential reads of an account, or null when the network refused it and the next one may be tried. */
	@FunctionalInterface
	public interface Reading {

		@Nullable CheckResult read(Credential credential, GraphCalls calls) throws HttpFailure;

	}

	/**
	 * Checks an account with the credentials of its organization that {@code usable} accepts, in turn, until one
	 * reads it (see {@link Calls#withCredentials}).
	 */
	public static CheckResult check(PlatformHttpClient http, Graph graph, Platform platform,
			@Nullable Credentials credentials, @Nullable AccountRef account, Message what, Predicate<Credential> usable,
			Reading reading) {
		var calls = new GraphCalls(http, graph, platform, (credentials != null) ? credentials : NO_CREDENTIALS);
		return calls.withCredentials(credentials, platform, account, usable,
				(credential) -> reading.read(credential, calls), what, calls.unconnected(what));
	}

	private final Graph graph;

	private final Platform platform;

	private final Credentials credentials;

	public GraphCalls(PlatformHttpClient http, Graph graph, Platform platform, Credentials credentials) {
		super(http);
		this.graph = graph;
		this.platform = platform;
		this.credentials = credentials;
	}

	public Graph.Answer get(Credential credential, String path, Map<String, String> params,
			@Nullable String subject) throws HttpFailure {
		return graph.get(this, platform, path, params, credential.accessToken(), subject);
	}

	/**
	 * The result of an answer the check cannot use, or null when the network refused the credential: then the
	 * connection is told ({@link Credentials#refused}) and the check may try the next credential.
	 */
	public @Nullable CheckResult failure(Graph.Answer answer, Credential credential, Message what) {
		if (answer.limited()) {
			var limited = Message.of("check.api.limited", graph.name(), what);
			var message = (answer.error() != null) ? said(limited, answer.error().describe())
					: Message.of("check.graph.paused", limited);
			return CheckResult.failure(CheckOutcome.RATE_LIMITED, answer.status(), latency(), requests(),
					message.encode(), answer.retryAt());
		}
		var error = answer.error();
		if (error != null && (error.tokenRefused() || error.permissionRefused())) {
			var code = error.tokenRefused() ? "platform.refused.token" : "platform.refused.permission";
			refused(credentials, credential, Message.of(code, platform.label(), error.describe()), graph.name(),
					error.describe());
			return null;
		}
		if (error != null) {
			return error(answer.status(), said(Message.of("check.api.answered", graph.name(), what), error.describe()));
		}
		if (answer.answer() != null && !answer.answer().isSuccessful()) {
			return error(answer.status(), Message.of("check.api.unexpected", String.valueOf(answer.status()), what));
		}
		return malformed(answer, what);
	}

	public CheckResult malformed(Graph.Answer answer, Message what) {
		return error(answer.status(), Message.of("check.api.malformed", what, graph.name()));
	}

	/** The check after every credential was tried and refused, or when there was none. */
	public CheckResult unreachable(Message what) {
		return unreachable(what, unconnected(what));
	}

	private Message unconnected(Message what) {
		return Message.of("check.graph.unconnected", what, platform.label());
	}

	/** The credential was used successfully: the connection is told. */
	public void worked(Credential credential) {
		credentials.worked(credential);
	}

	/** A Graph API time ({@code 2026-04-30T09:30:00+0000}), or null when absent or unreadable. */
	public static @Nullable Instant time(@Nullable JsonNode node, String field) {
		var text = Json.text(node, field);
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text, GRAPH_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** The first element of an edge's {@code data}, or null when it is empty. */
	public static @Nullable JsonNode first(@Nullable JsonNode edge) {
		var data = (edge == null) ? null : edge.get("data");
		return (data != null && data.isArray() && !data.isEmpty()) ? data.get(0) : null;
	}

}
