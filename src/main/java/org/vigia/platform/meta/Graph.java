package org.vigia.platform.meta;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpGet;
import org.vigia.platform.http.HttpPost;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * A client of Meta's Graph API (and of the Threads API, which answers in the same shapes), through the guarded
 * platform HTTP client, so that the address guard, timeouts and size caps apply to every call. Every call made with a
 * token carries {@code appsecret_proof}, the HMAC-SHA256 of the token keyed with the app secret, in hex. The usage
 * headers ({@code X-App-Usage}, {@code X-Page-Usage}, {@code X-Business-Use-Case-Usage}) are read on every answer:
 * from {@value #SLOW_FROM}% of a limit the calls that count against it slow down, from {@value #PAUSE_FROM}% they
 * pause until the time the header says access is regained, before Meta starts refusing. Safe for use by many threads.
 */
public final class Graph {

	/** The Graph API version Vigía was built and tested against (documented since 29 July 2026). */
	public static final String VERSION = "v26.0";

	/** From this share of a limit (in percent), calls slow down. */
	public static final int SLOW_FROM = 75;

	/** From this share of a limit (in percent), calls pause. */
	public static final int PAUSE_FROM = 95;

	// The platform rate limits are rolling one-hour windows; without an estimate, a pause of a sixth of one.
	static final Duration PAUSE_WITHOUT_ESTIMATE = Duration.ofMinutes(10);

	// At PAUSE_FROM a call waits this long, proportionally less below it.
	static final Duration LONGEST_SLOWDOWN = Duration.ofSeconds(4);

	private static final String APP = "app";

	private static final Logger log = LoggerFactory.getLogger(Graph.class);

	private final PlatformHttpClient http;

	private final String apiUrl;

	private final @Nullable String appSecret;

	private final boolean proof;

	private final String name;

	private final Clock clock;

	private final Sleeper sleeper;

	// Per scope ("app", or a Page's or business object's id): the latest usage and any pause.
	private final ConcurrentMap<String, Integer> usage = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Instant> pausedUntil = new ConcurrentHashMap<>();

	/**
	 * @param apiUrl the API with its version, such as {@code https://graph.facebook.com/v26.0}
	 * @param appSecret the app secret; null when the app is not configured (then every call fails without a request)
	 * @param proof whether calls carry {@code appsecret_proof}
	 * @param name how messages name the API ("Graph API"): a proper name, the same in every language
	 * @param sleeper how slowed-down calls wait, so that tests need not
	 */
	public Graph(PlatformHttpClient http, String apiUrl, @Nullable String appSecret, boolean proof, String name,
			Clock clock, Sleeper sleeper) {
		this.http = http;
		this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
		this.appSecret = (appSecret == null || appSecret.isBlank()) ? null : appSecret;
		this.proof = proof;
		this.name = name;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	/** Whether the app secret is configured: without it no call is made. */
	public boolean configured() {
		return appSecret != null;
	}

	public String name() {
		return name;
	}

	/**
	 * Reads a node or edge with a token.
	 * @param path such as {@code /12345} or {@code /me/accounts}
	 * @param params query parameters, {@code fields} and such; the token and its proof are added
	 * @param subject the Page or business object whose limits the call counts against, when known
	 */
	public Answer get(Calls calls, Platform platform, String path, Map<String, String> params, String accessToken,
			@Nullable String subject) throws HttpFailure {
		var paused = pausedUntil(subject);
		if (paused != null) {
			return Answer.paused(paused);
		}
		if (appSecret == null) {
			throw unconfigured();
		}
		slowDown(subject);
		var query = new LinkedHashMap<>(params);
		query.put("access_token", accessToken);
		if (proof) {
			query.put("appsecret_proof", proof(accessToken, appSecret));
		}
		return send(calls, platform, path, query, subject);
	}

	/**
	 * Calls an endpoint that takes the app's own credentials instead of a token's proof (the token exchanges): the
	 * caller passes {@code client_secret} in {@code params}.
	 */
	public Answer exchange(Calls calls, Platform platform, String path, Map<String, String> params)
			throws HttpFailure {
		if (appSecret == null) {
			throw unconfigured();
		}
		return send(calls, platform, path, params, null);
	}

	/**
	 * Deletes an edge with a token, such as {@code /{user-id}/permissions} (which revokes every permission the person
	 * granted the app); the token and its proof are added to the query. Meta answers {@code {"success":true}} (or a
	 * bare {@code true}, as its reference says).
	 */
	public Answer delete(Platform platform, String path, String accessToken) throws HttpFailure {
		if (appSecret == null) {
			throw unconfigured();
		}
		var query = new LinkedHashMap<String, String>();
		query.put("access_token", accessToken);
		if (proof) {
			query.put("appsecret_proof", proof(accessToken, appSecret));
		}
		var answer = http.post(HttpPost.delete(platform, url(path, query))
			.header("Accept", "application/json")
			.withoutRedirects());
		var body = Json.parse(answer.text());
		observe(answer, null);
		return new Answer(answer, body, GraphError.of(body), null);
	}

	/** The app secret, for the token exchanges that send it; never logged. */
	String appSecret() {
		if (appSecret == null) {
			throw new IllegalStateException("the app secret is not configured");
		}
		return appSecret;
	}

	private Answer send(Calls calls, Platform platform, String path, Map<String, String> params,
			@Nullable String subject) throws HttpFailure {
		var answer = calls.get(HttpGet.of(platform, url(path, params))
			.header("Accept", "application/json")
			.withoutRedirects());
		var body = Json.parse(answer.text());
		var error = GraphError.of(body);
		var regained = observe(answer, subject);
		if (error != null && error.throttled()) {
			var scope = (error.code() == 4 || subject == null) ? APP : subject;
			var until = (regained != null) ? regained : clock.instant().plus(PAUSE_WITHOUT_ESTIMATE);
			pause(scope, until, error.code() + " " + error.message());
			return new Answer(answer, body, error, until);
		}
		return new Answer(answer, body, error, null);
	}

	/** No call can be made without the app's id and secret: the reader is told so in their language. */
	private HttpFailure unconfigured() {
		return new HttpFailure(HttpFailure.Kind.CONNECTION, Message.of("http.failure.unconfigured", name), null, 0,
				null);
	}

	private String url(String path, Map<String, String> params) throws HttpFailure {
		var url = HttpUrl.parse(apiUrl + path);
		if (url == null) {
			throw new HttpFailure(HttpFailure.Kind.CONNECTION, Message.of("http.failure.notHttpApi", name, apiUrl),
					null, 0, null);
		}
		var builder = url.newBuilder();
		params.forEach(builder::addQueryParameter);
		return builder.build().toString();
	}

	/** appsecret_proof: HMAC-SHA256 of the token keyed with the app secret, as lower-case hex. */
	public static String proof(String accessToken, String appSecret) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(accessToken.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** When calls for this subject may be made again, or null when they may now. */
	public @Nullable Instant pausedUntil(@Nullable String subject) {
		var now = clock.instant();
		Instant latest = null;
		for (var scope : scopes(subject)) {
			var until = pausedUntil.get(scope);
			if (until != null && !until.isAfter(now)) {
				pausedUntil.remove(scope, until);
				usage.remove(scope);
				until = null;
			}
			if (until != null && (latest == null || until.isAfter(latest))) {
				latest = until;
			}
		}
		return latest;
	}

	private void slowDown(@Nullable String subject) {
		int highest = 0;
		for (var scope : scopes(subject)) {
			highest = Math.max(highest, usage.getOrDefault(scope, 0));
		}
		if (highest < SLOW_FROM) {
			return;
		}
		var share = Math.min(1.0, (highest - SLOW_FROM + 1) / (double) (PAUSE_FROM - SLOW_FROM));
		try {
			sleeper.sleep(Duration.ofMillis((long) (LONGEST_SLOWDOWN.toMillis() * share)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static List<String> scopes(@Nullable String subject) {
		return (subject == null) ? List.of(APP) : List.of(APP, subject);
	}

	/**
	 * Learns the usage the headers report, pausing a scope from {@value #PAUSE_FROM}%; answers when the most used
	 * scope regains access, when a header says so.
	 */
	private @Nullable Instant observe(HttpResult answer, @Nullable String subject) {
		var now = clock.instant();
		Instant regained = null;
		for (var reading : readings(answer, subject)) {
			usage.put(reading.scope(), reading.percent());
			var until = (reading.regainMinutes() > 0) ? now.plus(Duration.ofMinutes(reading.regainMinutes())) : null;
			if (until != null && (regained == null || until.isAfter(regained))) {
				regained = until;
			}
			if (reading.percent() >= PAUSE_FROM) {
				pause(reading.scope(), (until != null) ? until : now.plus(PAUSE_WITHOUT_ESTIMATE),
						reading.percent() + "% of " + reading.header());
			}
		}
		return regained;
	}

	private void pause(String scope, Instant until, String why) {
		pausedUntil.merge(scope, until, (current, next) -> next.isAfter(current) ? next : current);
		log.warn("{} calls for {} paused until {}: {}", name, scope.equals(APP) ? "the app" : "object " + scope,
				until, why);
	}

	/** One header's usage of one scope: the highest of its percentages. */
	record Reading(String header, String scope, int percent, long regainMinutes) {
	}

	static List<Reading> readings(HttpResult answer, @Nullable String subject) {
		var readings = new ArrayList<Reading>();
		var app = Json.parse(orEmpty(answer.header("X-App-Usage")));
		if (app != null && app.isObject()) {
			readings.add(reading("X-App-Usage", APP, app));
		}
		var page = Json.parse(orEmpty(answer.header("X-Page-Usage")));
		if (page != null && page.isObject()) {
			readings.add(reading("X-Page-Usage", (subject == null) ? APP : subject, page));
		}
		var business = Json.parse(orEmpty(answer.header("X-Business-Use-Case-Usage")));
		if (business != null && business.isObject()) {
			for (var entry : business.properties()) {
				if (entry.getValue().isArray()) {
					for (var element : entry.getValue()) {
						readings.add(reading("X-Business-Use-Case-Usage", entry.getKey(), element));
					}
				}
			}
		}
		return readings;
	}

	private static Reading reading(String header, String scope, JsonNode usage) {
		int percent = 0;
		for (var field : List.of("call_count", "total_time", "total_cputime", "acc_id_util_pct")) {
			var value = usage.get(field);
			if (value != null && value.isNumber()) {
				percent = Math.max(percent, (int) Math.ceil(value.doubleValue()));
			}
		}
		var regain = Json.number(usage, "estimated_time_to_regain_access");
		return new Reading(header, scope, percent, (regain == null) ? 0 : Math.max(0, regain));
	}

	private static String orEmpty(@Nullable String value) {
		return (value == null) ? "" : value;
	}

	/**
	 * What a call brought back.
	 * @param answer the HTTP answer, null when no request was made
	 * @param body its JSON, null when it was not JSON
	 * @param error the Graph error it carries, if any
	 * @param retryAt for a paused or throttled call: when calls may be made again
	 */
	public record Answer(@Nullable HttpResult answer, @Nullable JsonNode body, @Nullable GraphError error,
			@Nullable Instant retryAt) {

		static Answer paused(Instant until) {
			return new Answer(null, null, null, until);
		}

		/** A successful answer with a JSON object and no error. */
		public boolean ok() {
			return answer != null && answer.isSuccessful() && body != null && body.isObject() && error == null;
		}

		/** Paused (no request) or throttled by Meta. */
		public boolean limited() {
			return retryAt != null;
		}

		public @Nullable Integer status() {
			return (answer == null) ? null : answer.status();
		}

	}

	/** How slowed-down calls wait. */
	@FunctionalInterface
	public interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

}
