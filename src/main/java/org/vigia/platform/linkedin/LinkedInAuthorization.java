package org.vigia.platform.linkedin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * LinkedIn's 3-legged OAuth, registration {@value #REGISTRATION_ID}, for the Community Management API: the person who
 * grants it is an administrator of the pages Vigía reads ({@code /rest/organizationAcls}, role ADMINISTRATOR, state
 * APPROVED). The access token of the code exchange lasts 60 days and is kept as it is. LinkedIn gives refresh tokens
 * (programmatic refresh, a year) only to apps it enabled for them; with one, the lifecycle refreshes the token at
 * {@code /oauth/v2/accessToken} before it expires; without one the connection expires and the lifecycle job warns
 * (CONNECTION_EXPIRING) in time for an administrator to grant it again.
 */
@Component
public class LinkedInAuthorization implements NetworkAuthorization {

	public static final String REGISTRATION_ID = "linkedin";

	/** The scopes that let the app read the granting member's name ({@code GET /v2/userinfo}). */
	static final Set<String> NAME_SCOPES = Set.of("openid", "profile");

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LinkedInAuthorization.class);

	// A person who administers more pages than this is an agency, not an institution: the first ones are kept.
	private static final int MAX_PAGES = 100;

	private final PlatformHttpClient http;

	private final LinkedInApi api;

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	private final Clock clock;

	public LinkedInAuthorization(PlatformHttpClient http, LinkedInApi api,
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
		return Set.of(Platform.LINKEDIN);
	}

	@Override
	public Grant complete(Token token, Set<String> scopes) {
		var acls = read(new Calls(http), "/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED"
				+ "&count=" + MAX_PAGES, token, Message.of("auth.what.administered"));
		String userId = null;
		var elements = acls.body().get("elements");
		if (elements != null && elements.isArray() && !elements.isEmpty()) {
			userId = Json.text(elements.get(0), "roleAssignee");
		}
		if (userId == null) {
			throw new AuthorizationException(Message.of("auth.linkedin.noPage", LinkedInApi.NAME));
		}
		var granted = granted(scopes);
		return new Grant(userId, name(token, granted), token, granted, assets(token));
	}

	/**
	 * The name of the person who granted it, where they also granted {@code openid} and {@code profile} (Sign In with
	 * LinkedIn using OpenID Connect): the Community Management scopes read no member's name. Null without them, or
	 * when LinkedIn does not answer it: the name is only shown, the grant holds without it.
	 */
	private @org.jspecify.annotations.Nullable String name(Token token, Set<String> granted) {
		if (!granted.containsAll(NAME_SCOPES)) {
			return null;
		}
		LinkedInApi.Answer answer;
		try {
			answer = api.userinfo(new Calls(http), token.accessToken());
		}
		catch (HttpFailure failure) {
			log.warn("{} did not answer who granted access: {}", LinkedInApi.NAME, Calls.describe(failure));
			return null;
		}
		if (!answer.ok()) {
			log.warn("{} refused who granted access: {}", LinkedInApi.NAME, answer.describe());
			return null;
		}
		var name = Json.text(answer.body(), "name");
		if (name == null || name.isBlank()) {
			var given = Json.text(answer.body(), "given_name");
			var family = Json.text(answer.body(), "family_name");
			name = String.join(" ", java.util.stream.Stream.of(given, family)
				.filter(part -> part != null && !part.isBlank())
				.map(String::strip)
				.toList());
		}
		return name.isBlank() ? null : name.strip();
	}

	/**
	 * The permissions granted, one by one: LinkedIn answers them comma-separated ({@code "scope":
	 * "r_organization_admin,r_organization_social"}), which an OAuth 2.0 client reads as one space-separated scope.
	 */
	static Set<String> granted(Set<String> scopes) {
		var granted = new LinkedHashSet<String>();
		scopes.forEach(scope -> Arrays.stream(scope.split("[,\\s]+"))
			.filter(s -> !s.isBlank())
			.forEach(granted::add));
		return Set.copyOf(granted);
	}

	/**
	 * Refreshes with the grant's refresh token where LinkedIn gave one (apps enabled for programmatic refresh); empty
	 * otherwise. LinkedIn answers the same refresh token with its remaining lifetime; a new one, should it send one, is
	 * kept instead.
	 */
	@Override
	public Optional<Token> refresh(Token token) {
		if (token.refreshToken() == null) {
			return Optional.empty();
		}
		var fields = new LinkedHashMap<String, String>();
		fields.put("grant_type", "refresh_token");
		fields.put("refresh_token", token.refreshToken());
		fields.putAll(client());
		LinkedInApi.Answer answer;
		try {
			answer = api.token(new Calls(http), fields);
		}
		catch (HttpFailure failure) {
			throw new AuthorizationException(
					Message.of("auth.noAnswer", LinkedInApi.NAME, Message.of("auth.what.refresh"), failure.detail()),
					failure);
		}
		var access = answer.ok() ? Json.text(answer.body(), "access_token") : null;
		if (access == null || access.isBlank()) {
			throw new AuthorizationException(
					Message.of("auth.refused", LinkedInApi.NAME, Message.of("auth.what.refresh"), answer.describe()));
		}
		var refresh = Json.text(answer.body(), "refresh_token");
		var now = clock.instant();
		return Optional.of(new Token(access, (refresh != null && !refresh.isBlank()) ? refresh : token.refreshToken(),
				after(now, Json.number(answer.body(), "expires_in")),
				after(now, Json.number(answer.body(), "refresh_token_expires_in"))));
	}

	private static @org.jspecify.annotations.Nullable Instant after(Instant now,
			@org.jspecify.annotations.Nullable Long seconds) {
		return (seconds == null || seconds <= 0) ? null : now.plusSeconds(seconds);
	}

	/** The app's client id and secret: LinkedIn's settings, else the client registration's. */
	private java.util.Map<String, String> client() {
		var properties = api.properties();
		var id = properties.clientId();
		var secret = properties.clientSecret();
		var repository = registrations.getIfAvailable();
		var registration = (repository == null) ? null : repository.findByRegistrationId(REGISTRATION_ID);
		if ((id == null || id.isBlank()) && registration != null) {
			id = registration.getClientId();
		}
		if ((secret == null || secret.isBlank()) && registration != null) {
			secret = registration.getClientSecret();
		}
		if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
			throw new AuthorizationException(Message.of("auth.unconfigured.registration", "LinkedIn",
					"VIGIA_PLATFORMS_LINKEDIN_CLIENT_ID", "VIGIA_PLATFORMS_LINKEDIN_CLIENT_SECRET", REGISTRATION_ID));
		}
		return java.util.Map.of("client_id", id, "client_secret", secret);
	}

	@Override
	public List<Asset> assets(Token token) {
		var calls = new Calls(http);
		var acls = read(calls, "/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&count="
				+ MAX_PAGES, token, Message.of("auth.what.administered"));
		var elements = acls.body().get("elements");
		if (elements == null || !elements.isArray()) {
			throw new AuthorizationException(
					Message.of("auth.without", LinkedInApi.NAME, Message.of("auth.what.administered"), "elements"));
		}
		var assets = new ArrayList<Asset>();
		for (var acl : elements) {
			var urn = Json.text(acl, "organization");
			if (urn == null || !urn.startsWith("urn:li:organization:")) {
				continue;
			}
			var id = urn.substring("urn:li:organization:".length());
			var organization = read(calls, "/rest/organizations/" + id, token,
					Message.of("auth.what.page", String.valueOf(id)));
			assets.add(new Asset(Platform.LINKEDIN, id, handle(Json.text(organization.body(), "vanityName")), null));
		}
		return List.copyOf(assets);
	}

	/** The registry's handle of a page ({@code company/name}), or null when it has no usable vanity name. */
	static @org.jspecify.annotations.Nullable String handle(@org.jspecify.annotations.Nullable String vanityName) {
		if (vanityName == null) {
			return null;
		}
		try {
			return Platform.LINKEDIN.parse("company/" + vanityName).handle();
		}
		catch (InvalidHandleException ex) {
			return null;
		}
	}

	/** Not done: LinkedIn has no revocation the app calls; the administrator removes the app from their settings. */
	@Override
	public boolean revoke(Token token) {
		return false;
	}

	private LinkedInApi.Answer read(Calls calls, String pathAndQuery, Token token, Message what) {
		LinkedInApi.Answer answer;
		try {
			answer = api.get(calls, pathAndQuery, token.accessToken());
		}
		catch (HttpFailure failure) {
			throw new AuthorizationException(Message.of("auth.noAnswer", LinkedInApi.NAME, what, failure.detail()),
					failure);
		}
		if (!answer.ok()) {
			throw new AuthorizationException(Message.of("auth.refused", LinkedInApi.NAME, what, answer.describe()));
		}
		return answer;
	}

}
