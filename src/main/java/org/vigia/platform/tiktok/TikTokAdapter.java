package org.vigia.platform.tiktok;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformAdapter;
import org.vigia.platform.Profile;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * Checks TikTok accounts through TikTok's API v2 with the token of a connection the account itself granted (Login
 * Kit): its profile from {@code /v2/user/info/} and its newest video from {@code /v2/video/list/}, whose
 * {@code create_time} is the last activity. TikTok answers only about the user whose token it is, so only a connection
 * of that very account reaches it. An invalid token or a scope taken back (HTTP 401, {@code access_token_invalid},
 * {@code scope_not_authorized}) is the connection's loss, never the account's: the connection is told and the next one
 * tried. A 429 ({@code rate_limit_exceeded}) is RATE_LIMITED.
 */
@Component
public class TikTokAdapter implements PlatformAdapter {

	static final String USER_FIELDS = "open_id,union_id,avatar_url,display_name,username,bio_description,"
			+ "profile_deep_link,is_verified,follower_count,following_count,likes_count,video_count";

	static final String VIDEO_FIELDS = "id,create_time,share_url,title";

	// TikTok's sliding window is one minute; without a Retry-After, the next try waits that long.
	private static final java.time.Duration WINDOW = java.time.Duration.ofMinutes(1);

	private final PlatformHttpClient http;

	private final TikTokApi api;

	private final ObjectProvider<Credentials> credentials;

	private final Clock clock;

	public TikTokAdapter(PlatformHttpClient http, TikTokApi api, ObjectProvider<Credentials> credentials, Clock clock) {
		this.http = http;
		this.api = api;
		this.credentials = credentials;
		this.clock = clock;
	}

	@Override
	public Platform platform() {
		return Platform.TIKTOK;
	}

	@Override
	public CheckResult check(CheckRequest request) {
		var handle = request.address().handle();
		var what = Message.of("check.tiktok.account", handle);
		var calls = new Calls(http);
		var available = credentials.getIfAvailable();
		return calls.withCredentials(available, Platform.TIKTOK, request.account(),
				(credential) -> credential.reach() == Credential.Reach.ADMINISTERS,
				(credential) -> new Read(calls, available, credential, what).account(handle), what,
				Message.of("check.tiktok.unconnected", what));
	}

	/** One credential's reading of the account. */
	private final class Read {

		private final Calls calls;

		private final Credentials credentials;

		private final Credential credential;

		private final Message what;

		Read(Calls calls, Credentials credentials, Credential credential, Message what) {
			this.calls = calls;
			this.credentials = credentials;
			this.credential = credential;
			this.what = what;
		}

		@Nullable CheckResult account(String handle) throws HttpFailure {
			var info = api.get(calls, "/v2/user/info/?fields=" + USER_FIELDS, credential.accessToken());
			if (!info.ok()) {
				return failure(info, what);
			}
			var user = Json.object(info.data(), "user");
			var openId = Json.id(user, "open_id");
			if (user == null || openId == null) {
				return calls.error(info.status(), Message.of("check.api.malformed", what, TikTokApi.NAME));
			}
			var videos = api.post(calls, "/v2/video/list/?fields=" + VIDEO_FIELDS, "{\"max_count\":1}",
					credential.accessToken());
			if (!videos.ok()) {
				return failure(videos, Message.of("check.postsOf", what));
			}
			credentials.worked(credential);
			var username = Json.text(user, "username");
			var now = (username == null) ? null : username.toLowerCase(Locale.ROOT);
			if (now != null && !now.equals(handle)) {
				return new CheckResult(CheckOutcome.MOVED, info.status(), calls.latency(), calls.requests(),
						Message.of("check.tiktok.renamed", openId, now).encode(), null, null, false, profile(user), null,
						null, "https://www.tiktok.com/@" + now, openId, null, null, null);
			}
			var newest = newest(videos.data());
			return new CheckResult(CheckOutcome.OK, info.status(), calls.latency(), calls.requests(), null,
					created(newest), Json.text(newest, "share_url"), false, profile(user), null, null, null, openId,
					null, null, null);
		}

		/**
		 * The result of an answer the check cannot use, or null when TikTok refused the token (401: invalid, expired,
		 * revoked, or a scope taken back): then the connection is told and the next credential may be tried.
		 */
		private @Nullable CheckResult failure(TikTokApi.Answer answer, Message about) {
			var status = answer.status();
			var code = answer.code();
			if (status == 401 || "access_token_invalid".equals(code) || "scope_not_authorized".equals(code)) {
				var reason = ("scope_not_authorized".equals(code) || "scope_permission_missed".equals(code))
						? "platform.refused.permission" : "platform.refused.token";
				calls.refused(credentials, credential,
						Message.of(reason, Platform.TIKTOK.label(), answer.describe()), TikTokApi.NAME, answer.describe());
				return null;
			}
			if (status == 429 || "rate_limit_exceeded".equals(code)) {
				var retryAt = answer.answer().retryAfter(clock);
				return CheckResult.failure(CheckOutcome.RATE_LIMITED, status, calls.latency(), calls.requests(),
						Calls.said(Message.of("check.api.limited", TikTokApi.NAME, about), answer.describe()).encode(),
						(retryAt != null) ? retryAt : clock.instant().plus(WINDOW));
			}
			if (!answer.answer().isSuccessful() || code != null) {
				return calls.error(status, Calls.said(Message.of("check.api.answered", TikTokApi.NAME, about),
						answer.describe()));
			}
			return calls.error(status, Message.of("check.api.malformed", about, TikTokApi.NAME));
		}

	}

	/** The newest of the videos the list answered (it sorts them newest first), or null for none. */
	static @Nullable JsonNode newest(@Nullable JsonNode data) {
		var videos = (data == null) ? null : data.get("videos");
		if (videos == null || !videos.isArray()) {
			return null;
		}
		JsonNode newest = null;
		for (var video : videos) {
			var at = Json.number(video, "create_time");
			if (at != null && (newest == null || at > Json.number(newest, "create_time"))) {
				newest = video;
			}
		}
		return newest;
	}

	/** When a video was posted: {@code create_time} is in Unix seconds. */
	static @Nullable Instant created(@Nullable JsonNode video) {
		var at = Json.number(video, "create_time");
		return (at == null) ? null : Instant.ofEpochSecond(at);
	}

	static Profile profile(JsonNode user) {
		var fields = new ArrayList<Profile.Field>();
		var username = Json.text(user, "username");
		if (username != null && !username.isBlank()) {
			fields.add(new Profile.Field("username", username, null));
		}
		var link = Json.text(user, "profile_deep_link");
		if (link != null && !link.isBlank()) {
			fields.add(new Profile.Field("profile_deep_link", link, null));
		}
		if (Json.flag(user, "is_verified")) {
			fields.add(new Profile.Field("verified", "true", null));
		}
		return new Profile(Json.text(user, "display_name"), Json.text(user, "bio_description"),
				Json.text(user, "avatar_url"), Json.number(user, "follower_count"),
				Json.number(user, "following_count"), Json.number(user, "video_count"), fields, false, null);
	}

}
