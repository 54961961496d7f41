package org.vigia.platform.facebook;

import java.time.Clock;
import java.util.ArrayList;
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
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.meta.Graph;
import org.vigia.platform.meta.GraphTokens;
import org.vigia.platform.meta.MetaProperties;

/**
 * Facebook Login for Business, registration {@value #REGISTRATION_ID}: turns the user token of the code exchange into
 * a long-lived one ({@code fb_exchange_token}) and lists the Pages the person manages, each with its Page token
 * ({@code /me/accounts}), and the Instagram professional accounts linked to them. Page tokens obtained from a
 * long-lived user token do not expire; the user token cannot be refreshed, only granted again. The authorization
 * request of Facebook Login for Business names a configuration ({@code config_id}) made in the app dashboard, which
 * holds the permissions and the kind of token, instead of a {@code scope}: with
 * {@code VIGIA_PLATFORMS_META_CONFIG_ID} set, that is what the link to the consent page carries.
 */
@Component
public class FacebookAuthorization implements NetworkAuthorization {

	public static final String REGISTRATION_ID = "facebook";

	// A person who manages more Pages than this is an agency, not an institution: the first pages are kept.
	private static final int MAX_PAGES = 20;

	private final PlatformHttpClient http;

	private final Graph graph;

	private final MetaProperties properties;

	private final Clock clock;

	public FacebookAuthorization(PlatformHttpClient http, Graph graph, MetaProperties properties, Clock clock) {
		this.http = http;
		this.graph = graph;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public String registrationId() {
		return REGISTRATION_ID;
	}

	@Override
	public Set<Platform> platforms() {
		return Set.of(Platform.FACEBOOK, Platform.INSTAGRAM);
	}

	@Override
	public Grant complete(Token token, Set<String> scopes) {
		if (!properties.configured()) {
			throw new AuthorizationException(Message.of("auth.unconfigured", "Meta", "VIGIA_PLATFORMS_META_APP_ID",
					"VIGIA_PLATFORMS_META_APP_SECRET"));
		}
		var calls = new Calls(http);
		var params = new LinkedHashMap<String, String>();
		params.put("grant_type", "fb_exchange_token");
		params.put("client_id", properties.appId());
		params.put("client_secret", properties.appSecret());
		params.put("fb_exchange_token", token.accessToken());
		var lasting = GraphTokens.exchange(graph, calls, Platform.FACEBOOK, "/oauth/access_token", params, clock,
				Message.of("auth.what.longLived"));
		var me = GraphTokens.send(() -> graph.get(calls, Platform.FACEBOOK, "/me",
				java.util.Map.of("fields", "id,name"), lasting.accessToken(), null), graph,
				Message.of("auth.what.who"));
		var userId = Json.id(me.body(), "id");
		if (userId == null) {
			throw new AuthorizationException(Message.of("auth.without", graph.name(), Message.of("auth.what.who"), "id"));
		}
		return new Grant(userId, Json.text(me.body(), "name"), lasting, Set.copyOf(scopes), assets(lasting));
	}

	/**
	 * With a Facebook Login for Business configuration, the consent page is asked for it ({@code config_id}) and not
	 * for the registration's scope: the configuration holds the permissions, and the person must grant all of them.
	 */
	@Override
	public void authorizationParameters(Map<String, Object> parameters) {
		if (properties.hasConfiguration()) {
			parameters.remove("scope");
			parameters.put("config_id", properties.configId().strip());
		}
	}

	@Override
	public Optional<Token> refresh(Token token) {
		return Optional.empty();
	}

	@Override
	public List<Asset> assets(Token token) {
		var calls = new Calls(http);
		var assets = new ArrayList<Asset>();
		String after = null;
		int pages = 0;
		do {
			var params = new LinkedHashMap<String, String>();
			params.put("fields", "id,name,username,access_token,instagram_business_account{id,username}");
			params.put("limit", "100");
			if (after != null) {
				params.put("after", after);
			}
			var answer = GraphTokens.send(() -> graph.get(calls, Platform.FACEBOOK, "/me/accounts", params,
					token.accessToken(), null), graph, Message.of("auth.what.pages"));
			var data = answer.body().get("data");
			if (data == null || !data.isArray()) {
				throw new AuthorizationException(
					Message.of("auth.without", graph.name(), Message.of("auth.what.pages"), "data"));
			}
			for (var page : data) {
				var id = Json.id(page, "id");
				var pageToken = Json.text(page, "access_token");
				if (id == null) {
					continue;
				}
				assets.add(new Asset(Platform.FACEBOOK, id, Json.text(page, "username"), pageToken));
				var instagram = Json.object(page, "instagram_business_account");
				var instagramId = Json.id(instagram, "id");
				if (instagramId != null) {
					// Read with the Page's token: the linked account answers to it.
					assets.add(new Asset(Platform.INSTAGRAM, instagramId, Json.text(instagram, "username"),
							pageToken));
				}
			}
			var next = Json.object(answer.body(), "paging");
			after = (next != null && next.get("next") != null) ? Json.text(Json.object(next, "cursors"), "after")
					: null;
		}
		while (after != null && ++pages < MAX_PAGES);
		return List.copyOf(assets);
	}

	/**
	 * Revokes every permission the person granted the app ({@code DELETE /{user-id}/permissions} with the user token
	 * and its proof): the app leaves the person's business integrations, and the Page tokens obtained through it stop
	 * working.
	 */
	@Override
	public boolean revoke(String networkUserId, Token token) {
		var what = Message.of("auth.what.permissions");
		Graph.Answer answer;
		try {
			answer = graph.delete(Platform.FACEBOOK, "/" + networkUserId + "/permissions", token.accessToken());
		}
		catch (HttpFailure failure) {
			throw new AuthorizationException(Message.of("auth.noAnswer", graph.name(), what, failure.detail()), failure);
		}
		if (answer.error() != null) {
			throw new AuthorizationException(Message.of("auth.refused", graph.name(), what, answer.error().describe()));
		}
		var body = answer.body();
		var http = answer.answer();
		boolean confirmed = http != null && http.isSuccessful() && body != null
				&& (body.isBoolean() ? body.asBoolean() : body.path("success").asBoolean(false));
		if (!confirmed) {
			throw new AuthorizationException(
					Message.of("auth.notConfirmed", graph.name(), what, String.valueOf(answer.status())));
		}
		return true;
	}

}
