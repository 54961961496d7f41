package org.vigia.platform.linkedin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.vigia.platform.InvalidHandleException;
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
 * only to approved Marketing Developer Platform partners; without one the connection expires and the lifecycle job
 * warns (CONNECTION_EXPIRING) in time for an administrator to grant it again.
 */
@Component
public class LinkedInAuthorization implements NetworkAuthorization {

	public static final String REGISTRATION_ID = "linkedin";

	// A person who administers more pages than this is an agency, not an institution: the first ones are kept.
	private static final int MAX_PAGES = 100;

	private final PlatformHttpClient http;

	private final LinkedInApi api;

	public LinkedInAuthorization(PlatformHttpClient http, LinkedInApi api) {
		this.http = http;
		this.api = api;
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
				+ "&count=" + MAX_PAGES, token, "the pages the person administers");
		String userId = null;
		var elements = acls.body().get("elements");
		if (elements != null && elements.isArray() && !elements.isEmpty()) {
			userId = Json.text(elements.get(0), "roleAssignee");
		}
		if (userId == null) {
			throw new IllegalStateException(LinkedInApi.NAME
					+ " names no page this person administers: only a page administrator can connect it");
		}
		return new Grant(userId, null, token, Set.copyOf(scopes), assets(token));
	}

	@Override
	public Optional<Token> refresh(Token token) {
		return Optional.empty();
	}

	@Override
	public List<Asset> assets(Token token) {
		var calls = new Calls(http);
		var acls = read(calls, "/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&count="
				+ MAX_PAGES, token, "the pages the person administers");
		var elements = acls.body().get("elements");
		if (elements == null || !elements.isArray()) {
			throw new IllegalStateException(LinkedInApi.NAME + " answered the pages the person administers without "
					+ "elements");
		}
		var assets = new ArrayList<Asset>();
		for (var acl : elements) {
			var urn = Json.text(acl, "organization");
			if (urn == null || !urn.startsWith("urn:li:organization:")) {
				continue;
			}
			var id = urn.substring("urn:li:organization:".length());
			var organization = read(calls, "/rest/organizations/" + id, token, "the page " + id);
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

	private LinkedInApi.Answer read(Calls calls, String pathAndQuery, Token token, String what) {
		LinkedInApi.Answer answer;
		try {
			answer = api.get(calls, pathAndQuery, token.accessToken());
		}
		catch (HttpFailure failure) {
			throw new IllegalStateException(LinkedInApi.NAME + " did not answer " + what + ": "
					+ Calls.describe(failure), failure);
		}
		if (!answer.ok()) {
			throw new IllegalStateException(LinkedInApi.NAME + " refused " + what + ": " + answer.describe());
		}
		return answer;
	}

}
