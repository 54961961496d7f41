package org.vigia.platform.youtube;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Message;
import org.vigia.platform.NetworkAllowance;
import org.vigia.platform.Platform;
import org.vigia.platform.Profile;
import org.vigia.platform.adapter.Allowances;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.adapter.JsonCalls;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpGet;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * Reads YouTube channels through the YouTube Data API v3 with an API key: {@code channels.list} (by id, or resolving
 * an @handle, a legacy {@code user/} name or a {@code c/} custom name with {@code forHandle}/{@code forUsername}) for
 * the profile and the uploads playlist, then {@code playlistItems.list} for the newest upload. Each call costs one
 * quota unit, counted per day in Pacific time (when Google resets the quota); once {@code dailyQuota} is spent, channels
 * are SKIPPED until midnight there. A channel read by id sends its ETag ({@code If-None-Match}); a 304 costs no more.
 */
@Component
public class YouTubeDataApi implements NetworkAllowance.Source {

	static final String NETWORK = "youtube";

	static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

	private static final Pattern CHANNEL_ID = Pattern.compile("UC[A-Za-z0-9_-]{22}");

	static final JsonCalls.Api API = new JsonCalls.Api(Platform.YOUTUBE, Message.of("check.server.youtube"),
			Message.of("check.server.youtube"), (answer) -> java.util.Optional.ofNullable(reason(Json.parse(answer.text()))),
			(answer) -> null);

	private final PlatformHttpClient http;

	private final YouTubeApiProperties properties;

	private final Allowances allowances;

	private final Clock clock;

	YouTubeDataApi(PlatformHttpClient http, YouTubeApiProperties properties, Allowances allowances, Clock clock) {
		this.http = http;
		this.properties = properties;
		this.allowances = allowances;
		this.clock = clock;
	}

	public boolean configured() {
		return properties.configured();
	}

	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), PACIFIC);
	}

	@Override
	public NetworkAllowance allowance() {
		var today = today();
		var used = allowances.usage(NETWORK, today);
		return new NetworkAllowance(Platform.YOUTUBE, today.toString(), "units", configured(),
				properties.dailyQuota(), properties.dailyQuota(), used.used(), 0, BigDecimal.ZERO, BigDecimal.ZERO,
				BigDecimal.ZERO, null);
	}

	/** Checks a channel: one unit for the channel, one for its newest upload. */
	public CheckResult check(CheckRequest request) {
		var today = today();
		long granted = allowances.take(NETWORK, today, 2, properties.dailyQuota(), 0);
		if (granted < 2) {
			allowances.giveBack(NETWORK, today, granted, 0);
			return CheckResult.failure(CheckOutcome.SKIPPED, null, Duration.ZERO, 0,
					Message.of("check.youtube.quotaSpent", properties.dailyQuota()).encode(), null);
		}
		var calls = new JsonCalls(http, API, clock);
		try {
			return channel(request, calls, today);
		}
		catch (HttpFailure failure) {
			allowances.giveBack(NETWORK, today, 1, 0);
			return calls.failed(failure);
		}
	}

	private CheckResult channel(CheckRequest request, JsonCalls calls, LocalDate today) throws HttpFailure {
		var handle = request.address().handle();
		String id = CHANNEL_ID.matcher(handle).matches() ? handle
				: (request.platformId() != null && CHANNEL_ID.matcher(request.platformId()).matches())
						? request.platformId() : null;
		String selector;
		if (id != null) {
			selector = "id=" + id;
		}
		else if (handle.startsWith("user/")) {
			selector = "forUsername=" + encode(handle.substring("user/".length()));
		}
		else {
			// @handles, and c/ custom names, which YouTube turned into handles.
			selector = "forHandle=" + encode("@" + (handle.startsWith("c/") ? handle.substring(2) : handle.substring(1)));
		}
		var get = get(base() + "/youtube/v3/channels?part=snippet,contentDetails,statistics,status&" + selector);
		if (id != null && request.etag() != null) {
			get = get.conditional(request.etag(), null);
		}
		var answer = calls.get(get);
		if (answer.status() == 304) {
			allowances.giveBack(NETWORK, today, 1, 0);
			return new CheckResult(CheckOutcome.OK, 304, calls.latency(), calls.requests(), null, null, null, true,
					null, null, null, null, id, request.etag(), null, null);
		}
		var body = Json.parse(answer.text());
		if (!answer.isSuccessful()) {
			allowances.giveBack(NETWORK, today, 1, 0);
			return refused(calls, answer, body, today);
		}
		var items = (body == null) ? null : body.get("items");
		if (body == null || !body.isObject()) {
			allowances.giveBack(NETWORK, today, 1, 0);
			return calls.malformed(answer, "channels.list");
		}
		if (items == null || !items.isArray() || items.isEmpty()) {
			allowances.giveBack(NETWORK, today, 1, 0);
			return CheckResult.gone(CheckOutcome.NOT_FOUND, answer.status(), calls.latency(), calls.requests(),
					Message.of("check.youtube.noChannel", selector.replaceFirst("=.*", ""), handle).encode());
		}
		var channel = items.get(0);
		var channelId = Json.text(channel, "id");
		var snippet = Json.object(channel, "snippet");
		var statistics = Json.object(channel, "statistics");
		var status = Json.object(channel, "status");
		var fields = new java.util.ArrayList<Profile.Field>();
		var customUrl = Json.text(snippet, "customUrl");
		if (customUrl != null) {
			fields.add(new Profile.Field("customUrl", customUrl, null));
		}
		var privacy = Json.text(status, "privacyStatus");
		if (privacy != null) {
			fields.add(new Profile.Field("privacyStatus", privacy, null));
		}
		var thumbnails = Json.object(snippet, "thumbnails");
		var profile = new Profile(Json.text(snippet, "title"), Json.text(snippet, "description"),
				Json.text(Json.object(thumbnails, "default"), "url"), count(statistics, "subscriberCount"), null,
				count(statistics, "videoCount"), fields, false, Json.instant(snippet, "publishedAt"));
		var uploads = Json.text(Json.object(Json.object(channel, "contentDetails"), "relatedPlaylists"), "uploads");
		java.time.Instant activity = null;
		String newest = null;
		String note = "private".equals(privacy) ? Message.of("check.youtube.private").encode() : null;
		if (uploads == null) {
			allowances.giveBack(NETWORK, today, 1, 0);
		}
		else {
			var items2 = calls.get(get(base() + "/youtube/v3/playlistItems?part=contentDetails&maxResults=1&playlistId="
					+ encode(uploads)));
			var list = Json.parse(items2.text());
			if (items2.isSuccessful() && list != null && list.get("items") != null && list.get("items").isArray()
					&& !list.get("items").isEmpty()) {
				var details = Json.object(list.get("items").get(0), "contentDetails");
				activity = Json.instant(details, "videoPublishedAt");
				var video = Json.text(details, "videoId");
				newest = (video != null) ? "https://www.youtube.com/watch?v=" + video : null;
			}
			else if (!items2.isSuccessful() && items2.status() != 404) {
				note = Message.of("check.youtube.uploadUnread", Message.decode(calls.problem(items2, "playlistItems.list")))
					.encode();
			}
		}
		return new CheckResult(CheckOutcome.OK, answer.status(), calls.latency(), calls.requests(), note, activity,
				newest, false, profile, null, null, null, channelId, (id != null) ? Json.text(channel, "etag") : null,
				null, null);
	}

	/** A refused call: a spent quota (403 quotaExceeded) stops today's calls; a bad key is an error. */
	private CheckResult refused(JsonCalls calls, HttpResult answer, @Nullable JsonNode body, LocalDate today) {
		var reason = reason(body);
		if (answer.status() == 403 && ("quotaExceeded".equals(reason) || "dailyLimitExceeded".equals(reason)
				|| "rateLimitExceeded".equals(reason))) {
			// Google says the quota is spent: no more calls today, whatever Vigía counted.
			allowances.take(NETWORK, today, properties.dailyQuota(), properties.dailyQuota(), 0);
			var midnight = today.plusDays(1).atStartOfDay(PACIFIC).toInstant();
			return CheckResult.failure(CheckOutcome.RATE_LIMITED, 403, calls.latency(), calls.requests(),
					Message.of("check.youtube.quotaExceeded", reason).encode(), midnight);
		}
		return calls.unexpected(answer, "channels.list");
	}

	/** The {@code reason} of a Google API error: {@code error.errors[0].reason}. */
	static @Nullable String reason(@Nullable JsonNode body) {
		var error = Json.object(body, "error");
		var errors = (error == null) ? null : error.get("errors");
		if (errors != null && errors.isArray() && !errors.isEmpty()) {
			return Json.text(errors.get(0), "reason");
		}
		return (error == null) ? null : Json.text(error, "message");
	}

	/** YouTube sends counts as strings. */
	private static @Nullable Long count(@Nullable JsonNode node, String field) {
		var number = Json.number(node, field);
		if (number != null) {
			return number;
		}
		var text = Json.text(node, field);
		try {
			return (text == null) ? null : Long.valueOf(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private HttpGet get(String url) {
		return HttpGet.of(Platform.YOUTUBE, url)
			.header("Accept", "application/json")
			.header("X-Goog-Api-Key", String.valueOf(properties.apiKey()))
			.withoutRedirects();
	}

	private String base() {
		var base = properties.apiUrl().toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
