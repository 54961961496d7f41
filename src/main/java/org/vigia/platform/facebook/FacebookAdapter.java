package org.vigia.platform.facebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.Message;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformAdapter;
import org.vigia.platform.Profile;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.meta.Graph;
import org.vigia.platform.meta.GraphCalls;

/**
 * Checks Facebook Pages through the Graph API with the Page's own token, from a connection a person who manages the
 * Page granted: its profile, then its newest post for the last activity. A Page migrated to another id is MOVED; a
 * Page the API cannot load is an error, never NOT_FOUND, because the API says the same of a deleted Page, an
 * unpublished one, a restricted one and one the token no longer sees.
 */
@Component
public class FacebookAdapter implements PlatformAdapter {

	static final String PAGE_FIELDS = "id,name,username,about,link,website,followers_count,fan_count,"
			+ "picture{url},verification_status";

	private final PlatformHttpClient http;

	private final Graph graph;

	private final ObjectProvider<Credentials> credentials;

	public FacebookAdapter(PlatformHttpClient http, Graph graph, ObjectProvider<Credentials> credentials) {
		this.http = http;
		this.graph = graph;
		this.credentials = credentials;
	}

	@Override
	public Platform platform() {
		return Platform.FACEBOOK;
	}

	@Override
	public CheckResult check(CheckRequest request) {
		var what = Message.of("check.facebook.page", request.address().handle());
		return GraphCalls.check(http, graph, Platform.FACEBOOK, credentials.getIfAvailable(), request.account(), what,
				(credential) -> credential.reach() == Credential.Reach.ADMINISTERS, (credential, calls) -> check(request, credential, calls, what));
	}

	private @Nullable CheckResult check(CheckRequest request, Credential credential, GraphCalls calls, Message what)
			throws HttpFailure {
		var page = pageId(request, credential);
		var profile = calls.get(credential, "/" + page, Map.of("fields", PAGE_FIELDS), page);
		if (!profile.ok()) {
			var error = profile.error();
			if (error != null && error.migratedTo() != null) {
				calls.worked(credential);
				return new CheckResult(CheckOutcome.MOVED, profile.status(), calls.latency(), calls.requests(),
						Calls.said(Message.of("check.facebook.migrated", error.migratedTo()), error.describe()).encode(), null,
						null, false, null, null, null, "https://www.facebook.com/" + error.migratedTo(), page, null,
						null, null);
			}
			if (error != null && error.unavailable()) {
				// Deleted, unpublished, restricted or out of the token's sight: the API does not say which.
				return calls.error(profile.status(), Calls.said(Message.of("check.facebook.unavailable", what),
						error.describe()));
			}
			return calls.failure(profile, credential, what);
		}
		var body = profile.body();
		var id = Json.id(body, "id");
		if (id == null) {
			return calls.malformed(profile, what);
		}
		var posts = calls.get(credential, "/" + id + "/posts",
				Map.of("fields", "created_time,permalink_url", "limit", "1"), id);
		if (!posts.ok()) {
			return calls.failure(posts, credential, Message.of("check.postsOf", what));
		}
		calls.worked(credential);
		var newest = GraphCalls.first(posts.body());
		return new CheckResult(CheckOutcome.OK, profile.status(), calls.latency(), calls.requests(), null,
				GraphCalls.time(newest, "created_time"), Json.text(newest, "permalink_url"), false, profile(body),
				null, null, null, id, null, null, null);
	}

	/** The Page's id where it is known, else its registered username or id. */
	private static String pageId(CheckRequest request, Credential credential) {
		if (credential.subjectId() != null) {
			return credential.subjectId();
		}
		return (request.platformId() != null) ? request.platformId() : request.address().handle();
	}

	static Profile profile(@Nullable JsonNode page) {
		var fields = new ArrayList<Profile.Field>();
		for (var name : List.of("username", "website", "link", "verification_status")) {
			var value = Json.text(page, name);
			if (value != null && !value.isBlank()) {
				fields.add(new Profile.Field(name, value, null));
			}
		}
		var followers = Json.number(page, "followers_count");
		var picture = Json.object(Json.object(page, "picture"), "data");
		return new Profile(Json.text(page, "name"), Json.text(page, "about"), Json.text(picture, "url"),
				(followers != null) ? followers : Json.number(page, "fan_count"), null, null, fields, false, null);
	}

}
