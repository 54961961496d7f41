package org.vigia.platform.threads;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.vigia.platform.AuthorizationException;
import org.vigia.platform.Message;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.meta.GraphTokens;

/**
 * Threads login, registration {@value #REGISTRATION_ID}: exchanges the one-hour token of the code exchange for a
 * 60-day one ({@code th_exchange_token}) and refreshes it ({@code th_refresh_token}) before it expires; a refreshed
 * token lasts 60 days from the refresh. The grant reaches the one profile that granted it.
 */
@Component
public class ThreadsAuthorization implements NetworkAuthorization {

	public static final String REGISTRATION_ID = "threads";

	private final PlatformHttpClient http;

	private final ThreadsApi api;

	private final Clock clock;

	public ThreadsAuthorization(PlatformHttpClient http, ThreadsApi api, Clock clock) {
		this.http = http;
		this.api = api;
		this.clock = clock;
	}

	@Override
	public String registrationId() {
		return REGISTRATION_ID;
	}

	@Override
	public Set<Platform> platforms() {
		return Set.of(Platform.THREADS);
	}

	@Override
	public Grant complete(Token token, Set<String> scopes) {
		var secret = api.properties().appSecret();
		if (secret == null || secret.isBlank()) {
			throw new AuthorizationException(Message.of("auth.unconfigured", "Threads", "VIGIA_PLATFORMS_THREADS_APP_ID",
					"VIGIA_PLATFORMS_THREADS_APP_SECRET"));
		}
		var params = new LinkedHashMap<String, String>();
		params.put("grant_type", "th_exchange_token");
		params.put("client_secret", secret);
		params.put("access_token", token.accessToken());
		var lasting = GraphTokens.exchange(api.root(), new Calls(http), Platform.THREADS, "/access_token", params,
				clock, Message.of("auth.what.longLived"));
		var me = me(lasting);
		return new Grant(me.platformId(), me.handle(), lasting, Set.copyOf(scopes), List.of(me));
	}

	@Override
	public Optional<Token> refresh(Token token) {
		var params = new LinkedHashMap<String, String>();
		params.put("grant_type", "th_refresh_token");
		params.put("access_token", token.accessToken());
		return Optional.of(GraphTokens.exchange(api.root(), new Calls(http), Platform.THREADS,
				"/refresh_access_token", params, clock, Message.of("auth.what.refreshLongLived")));
	}

	/** A long-lived token is refreshed with itself while it is valid (and at least a day old), for 60 days more. */
	@Override
	public boolean refreshable(Token token) {
		return true;
	}

	@Override
	public List<Asset> assets(Token token) {
		return List.of(me(token));
	}

	/** Not done: the Threads API documents no revocation; the person removes the app in Threads' settings. */
	@Override
	public boolean revoke(Token token) {
		return false;
	}

	private Asset me(Token token) {
		var calls = new Calls(http);
		var me = GraphTokens.send(() -> api.graph().get(calls, Platform.THREADS, "/me",
				Map.of("fields", "id,username,name"), token.accessToken(), null), api.graph(),
				Message.of("auth.what.who"));
		var id = Json.id(me.body(), "id");
		if (id == null) {
			throw new AuthorizationException(
					Message.of("auth.without", api.graph().name(), Message.of("auth.what.who"), "id"));
		}
		return new Asset(Platform.THREADS, id, Json.text(me.body(), "username"), null);
	}

}
