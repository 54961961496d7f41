package org.vigia.platform.tiktok;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;
import org.vigia.platform.AuthorizationException;
import org.vigia.platform.InvalidHandleException;
import org.vigia.platform.Message;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * TikTok's Login Kit for Web, registration {@value #REGISTRATION_ID}: the person who grants it is the TikTok account
 * itself, and the grant reaches that one account. TikTok names the client {@code client_key} (in the consent link and
 * in the token requests) and separates scopes with commas. Its access token lasts a day and its refresh token a year,
 * though its documentation disagrees with itself about both; TikTok may rotate the refresh token on every refresh, so
 * the newest one is always kept and the lifetimes are taken from each answer's {@code expires_in} and
 * {@code refresh_expires_in}.
 */
@Component
public class TikTokAuthorization implements NetworkAuthorization {

	public static final String REGISTRATION_ID = "tiktok";

	static final String ME_FIELDS = "open_id,union_id,avatar_url,display_name,username";

	private final PlatformHttpClient http;

	private final TikTokApi api;

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	private final Clock clock;

	public TikTokAuthorization(PlatformHttpClient http, TikTokApi api,
			ObjectProvider<ClientRegistrationRepository> registrations, Clock clock) {
		this.http = http;
		this.api = api;
		this.registrations = registrations;
		this.clock = clock;
	}

	@Override
	public String registrationId() {
		return REGISTRATION_ID;
	}

	@Override
	public Set<Platform> platforms() {
		return Set.of(Platform.TIKTOK);
	}

	@Override
	public Grant complete(Token token, Set<String> scopes) {
		var me = me(token);
		var granted = new LinkedHashSet<String>();
		// TikTok's scope is comma-separated; an OAuth 2.0 client reads it as one space-separated scope.
		scopes.forEach(scope -> Arrays.stream(scope.split("[,\\s]+")).filter(s -> !s.isBlank()).forEach(granted::add));
		var name = Json.text(me, "display_name");
		var asset = asset(me);
		return new Grant(asset.platformId(), (name != null && !name.isBlank()) ? name : asset.handle(), token,
				Set.copyOf(granted), List.of(asset));
	}

	@Override
	public Optional<Token> refresh(Token token) {
		if (token.refreshToken() == null) {
			return Optional.empty();
		}
		var fields = client();
		fields.put("grant_type", "refresh_token");
		fields.put("refresh_token", token.refreshToken());
		TikTokApi.Answer answer;
		try {
			answer = api.form(new Calls(http), "/v2/oauth/token/", fields);
		}
		catch (HttpFailure failure) {
			throw new AuthorizationException(
					Message.of("auth.noAnswer", TikTokApi.NAME, Message.of("auth.what.refresh"), failure.detail()),
					failure);
		}
		var body = answer.body();
		var access = Json.text(body, "access_token");
		if (!answer.ok() || access == null || access.isBlank()) {
			throw new AuthorizationException(
					Message.of("auth.refused", TikTokApi.NAME, Message.of("auth.what.refresh"), answer.describe()));
		}
		// The refresh token may have been rotated: the one answered is the one to keep; the old one is not sent again.
		var refresh = Json.text(body, "refresh_token");
		var now = clock.instant();
		return Optional.of(new Token(access, (refresh != null && !refresh.isBlank()) ? refresh : token.refreshToken(),
				after(now, Json.number(body, "expires_in")), after(now, Json.number(body, "refresh_expires_in"))));
	}

	private static @Nullable Instant after(Instant now, @Nullable Long seconds) {
		return (seconds == null || seconds <= 0) ? null : now.plusSeconds(seconds);
	}

	@Override
	public List<Asset> assets(Token token) {
		return List.of(asset(me(token)));
	}

	/** Revokes the access token (and with it the grant) at TikTok: {@code POST /v2/oauth/revoke/}. */
	@Override
	public boolean revoke(Token token) {
		var fields = client();
		fields.put("token", token.accessToken());
		try {
			var answer = api.form(new Calls(http), "/v2/oauth/revoke/", fields);
			if (!answer.answer().isSuccessful() || (answer.code() != null && !"ok".equals(answer.code()))) {
				throw new AuthorizationException(
						Message.of("auth.refused", TikTokApi.NAME, Message.of("auth.what.revocation"), answer.describe()));
			}
			return true;
		}
		catch (HttpFailure failure) {
			throw new AuthorizationException(
					Message.of("auth.noAnswer", TikTokApi.NAME, Message.of("auth.what.revocation"), failure.detail()),
					failure);
		}
	}

	/** TikTok's consent page wants {@code client_key} and comma-separated scopes. */
	@Override
	public void authorizationParameters(Map<String, Object> parameters) {
		var clientId = parameters.get("client_id");
		if (clientId != null) {
			parameters.put("client_key", clientId);
		}
		var scope = parameters.get("scope");
		if (scope instanceof String scopes) {
			parameters.put("scope", String.join(",", scopes.trim().split("\\s+")));
		}
	}

	@Override
	public Map<String, String> tokenParameters(String clientId) {
		return Map.of("client_key", clientId);
	}

	/** The app's key and secret, for the token and revocation endpoints. */
	private Map<String, String> client() {
		var properties = api.properties();
		String key = properties.clientKey();
		String secret = properties.clientSecret();
		var repository = registrations.getIfAvailable();
		var registration = (repository == null) ? null : repository.findByRegistrationId(REGISTRATION_ID);
		if ((key == null || key.isBlank()) && registration != null) {
			key = registration.getClientId();
		}
		if ((secret == null || secret.isBlank()) && registration != null) {
			secret = registration.getClientSecret();
		}
		if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
			throw new AuthorizationException(Message.of("auth.unconfigured.registration", "TikTok",
					"VIGIA_PLATFORMS_TIKTOK_CLIENT_KEY", "VIGIA_PLATFORMS_TIKTOK_CLIENT_SECRET", REGISTRATION_ID));
		}
		var fields = new LinkedHashMap<String, String>();
		fields.put("client_key", key);
		fields.put("client_secret", secret);
		return fields;
	}

	/** Who granted access: {@code /v2/user/info/}'s user. */
	private JsonNode me(Token token) {
		TikTokApi.Answer answer;
		try {
			answer = api.get(new Calls(http), "/v2/user/info/?fields=" + ME_FIELDS, token.accessToken());
		}
		catch (HttpFailure failure) {
			throw new AuthorizationException(
					Message.of("auth.noAnswer", TikTokApi.NAME, Message.of("auth.what.who"), failure.detail()), failure);
		}
		if (!answer.ok()) {
			throw new AuthorizationException(
					Message.of("auth.refused", TikTokApi.NAME, Message.of("auth.what.who"), answer.describe()));
		}
		var user = Json.object(answer.data(), "user");
		if (user == null || Json.id(user, "open_id") == null) {
			throw new AuthorizationException(
					Message.of("auth.without", TikTokApi.NAME, Message.of("auth.what.who"), "open_id"));
		}
		return user;
	}

	private static Asset asset(JsonNode user) {
		return new Asset(Platform.TIKTOK, Json.id(user, "open_id"), handle(Json.text(user, "username")), null);
	}

	/** The registry's handle of a username, or null when it is not one. */
	static @Nullable String handle(@Nullable String username) {
		if (username == null) {
			return null;
		}
		try {
			return Platform.TIKTOK.parse(username.toLowerCase(Locale.ROOT)).handle();
		}
		catch (InvalidHandleException ex) {
			return null;
		}
	}

}
