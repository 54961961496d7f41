package org.vigia.platform.instagram;

import java.util.ArrayList;
import java.util.Locale;
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
 * Checks Instagram professional accounts through the Graph API. An account linked to a connected Facebook Page is
 * read with the Page's token: its profile, then its newest media. Any other account is looked up through Business
 * Discovery from a connected professional account of the same organization, which reads business and creator
 * accounts only: its "cannot find" says the same of a deleted account, a renamed one and a personal one, so it is an
 * error naming what Instagram said, never NOT_FOUND.
 */
@Component
public class InstagramAdapter implements PlatformAdapter {

	static final String USER_FIELDS = "id,username,name,biography,followers_count,follows_count,media_count,"
			+ "profile_picture_url,website";

	private final PlatformHttpClient http;

	private final Graph graph;

	private final ObjectProvider<Credentials> credentials;

	public InstagramAdapter(PlatformHttpClient http, Graph graph, ObjectProvider<Credentials> credentials) {
		this.http = http;
		this.graph = graph;
		this.credentials = credentials;
	}

	@Override
	public Platform platform() {
		return Platform.INSTAGRAM;
	}

	@Override
	public CheckResult check(CheckRequest request) {
		var what = Message.of("check.instagram.account", request.address().handle());
		return GraphCalls.check(http, graph, Platform.INSTAGRAM, credentials.getIfAvailable(), request.account(), what,
				(credential) -> credential.subjectId() != null,
				(credential, calls) -> (credential.reach() == Credential.Reach.ADMINISTERS)
						? own(request, credential, calls, what) : discover(request, credential, calls, what));
	}

	/** The account read with its own Page's token. */
	private @Nullable CheckResult own(CheckRequest request, Credential credential, GraphCalls calls, Message what)
			throws HttpFailure {
		var id = credential.subjectId();
		var user = calls.get(credential, "/" + id, Map.of("fields", USER_FIELDS), id);
		if (!user.ok()) {
			return calls.failure(user, credential, what);
		}
		var media = calls.get(credential, "/" + id + "/media", Map.of("fields", "timestamp,permalink", "limit", "1"),
				id);
		if (!media.ok()) {
			return calls.failure(media, credential, Message.of("check.instagram.mediaOf", what));
		}
		calls.worked(credential);
		return result(request, user.status(), user.body(), GraphCalls.first(media.body()), calls);
	}

	/** The account looked up through Business Discovery from another professional account of the organization. */
	private @Nullable CheckResult discover(CheckRequest request, Credential credential, GraphCalls calls,
			Message what) throws HttpFailure {
		var through = credential.subjectId();
		var fields = "business_discovery.username(" + request.address().handle() + "){" + USER_FIELDS
				+ ",media.limit(1){timestamp,permalink}}";
		var answer = calls.get(credential, "/" + through, Map.of("fields", fields), through);
		var error = answer.error();
		if (error != null && !answer.limited() && !error.tokenRefused() && !error.permissionRefused()) {
			calls.worked(credential);
			return calls.error(answer.status(), Calls.said(Message.of("check.instagram.discovery", what,
					credential.subjectHandle()), error.describe()));
		}
		if (!answer.ok()) {
			return calls.failure(answer, credential, Message.of("check.instagram.through", what));
		}
		var found = Json.object(answer.body(), "business_discovery");
		if (found == null) {
			return calls.malformed(answer, Message.of("check.instagram.through", what));
		}
		calls.worked(credential);
		return result(request, answer.status(), found, GraphCalls.first(Json.object(found, "media")), calls);
	}

	private static CheckResult result(CheckRequest request, @Nullable Integer status, @Nullable JsonNode user,
			@Nullable JsonNode newest, GraphCalls calls) {
		var username = Json.text(user, "username");
		String note = null;
		if (username != null && !username.toLowerCase(Locale.ROOT).equals(request.address().handle())) {
			note = Message.of("check.note.renamed", username, request.address().handle()).encode();
		}
		return new CheckResult(CheckOutcome.OK, status, calls.latency(), calls.requests(), note,
				GraphCalls.time(newest, "timestamp"), Json.text(newest, "permalink"), false, profile(user), null,
				null, null, Json.id(user, "id"), null, null, null);
	}

	static Profile profile(@Nullable JsonNode user) {
		var fields = new ArrayList<Profile.Field>();
		var website = Json.text(user, "website");
		if (website != null && !website.isBlank()) {
			fields.add(new Profile.Field("website", website, null));
		}
		return new Profile(Json.text(user, "name"), Json.text(user, "biography"),
				Json.text(user, "profile_picture_url"), Json.number(user, "followers_count"),
				Json.number(user, "follows_count"), Json.number(user, "media_count"), fields, false, null);
	}

}
