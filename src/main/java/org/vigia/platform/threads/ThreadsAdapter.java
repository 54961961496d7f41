package org.vigia.platform.threads;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Message;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformAdapter;
import org.vigia.platform.Profile;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.meta.GraphCalls;

/**
 * Checks a Threads profile with the token its owner granted: the profile ({@code /me}), then the newest post
 * ({@code /me/threads}). The Threads API reads only the profile whose token it is, so only a connection the account
 * itself granted reaches it.
 */
@Component
public class ThreadsAdapter implements PlatformAdapter {

	static final String PROFILE_FIELDS = "id,username,name,threads_profile_picture_url,threads_biography";

	private final PlatformHttpClient http;

	private final ThreadsApi api;

	private final ObjectProvider<Credentials> credentials;

	public ThreadsAdapter(PlatformHttpClient http, ThreadsApi api, ObjectProvider<Credentials> credentials) {
		this.http = http;
		this.api = api;
		this.credentials = credentials;
	}

	@Override
	public Platform platform() {
		return Platform.THREADS;
	}

	@Override
	public CheckResult check(CheckRequest request) {
		var what = Message.of("check.threads.profile", request.address().handle());
		return GraphCalls.check(http, api.graph(), Platform.THREADS, credentials.getIfAvailable(), request.account(), what,
				(credential) -> credential.reach() == Credential.Reach.ADMINISTERS, (credential, calls) -> check(request, credential, calls, what));
	}

	private @Nullable CheckResult check(CheckRequest request, Credential credential, GraphCalls calls, Message what)
			throws HttpFailure {
		var me = calls.get(credential, "/me", Map.of("fields", PROFILE_FIELDS), credential.subjectId());
		if (!me.ok()) {
			return calls.failure(me, credential, what);
		}
		var posts = calls.get(credential, "/me/threads", Map.of("fields", "id,timestamp,permalink", "limit", "1"),
				credential.subjectId());
		if (!posts.ok()) {
			return calls.failure(posts, credential, Message.of("check.postsOf", what));
		}
		calls.worked(credential);
		var body = me.body();
		var username = Json.text(body, "username");
		String note = null;
		if (username != null && !username.toLowerCase(Locale.ROOT).equals(request.address().handle())) {
			note = Message.of("check.note.renamed", username, request.address().handle()).encode();
		}
		var newest = GraphCalls.first(posts.body());
		return new CheckResult(CheckOutcome.OK, me.status(), calls.latency(), calls.requests(), note,
				GraphCalls.time(newest, "timestamp"), Json.text(newest, "permalink"), false, profile(body), null, null,
				null, Json.id(body, "id"), null, null, null);
	}

	static Profile profile(@Nullable JsonNode me) {
		return new Profile(Json.text(me, "name"), Json.text(me, "threads_biography"),
				Json.text(me, "threads_profile_picture_url"), null, null, null, java.util.List.of(), false, null);
	}

}
