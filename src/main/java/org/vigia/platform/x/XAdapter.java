package org.vigia.platform.x;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Message;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformAdapter;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.Profile;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.adapter.JsonCalls;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpGet;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * Checks X accounts through the X API v2 with the app's bearer token (app-only authentication). X charges every
 * resource it returns, so a check reads as little as it can:
 * <ul>
 * <li>the users, up to 100 in one request: by username the first time ({@code /2/users/by}), then by the numeric id
 * the first answer gave ({@code /2/users?ids=}), so that a renamed account is found and reported MOVED with its new
 * handle;</li>
 * <li>the user's {@code most_recent_tweet_id} gives the last activity by itself (a post id is a Snowflake that carries
 * its time), and is kept as the check's ETag: the posts ({@code /2/users/:id/tweets?since_id=}) are read only when it
 * changed, to tell replies and reposts apart ({@code referenced_tweets}) for ONE_WAY. A silent account costs one user
 * read.</li>
 * </ul>
 * Missing and suspended users come back either as a 404 or as a 200 whose {@code errors[]} says "Could not find
 * user" or "User has been suspended"; both forms map to NOT_FOUND and SUSPENDED. Every read is taken from the monthly
 * budget ({@link XBudget}) before it is made; accounts the budget cannot cover now are SKIPPED, never failed.
 */
@Component
public class XAdapter implements PlatformAdapter {

	/** {@code /2/users} and {@code /2/users/by} take at most 100 ids or usernames. */
	static final int MAX_USERS = 100;

	static final String USER_FIELDS = "created_at,description,location,most_recent_tweet_id,profile_image_url,"
			+ "protected,public_metrics,url,verified";

	// X's Snowflake ids: milliseconds since this epoch, shifted left by 22 bits.
	private static final long SNOWFLAKE_EPOCH = 1288834974657L;

	private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,20}");

	private static final Message USER_LOOKUP = JsonCalls.what("userLookup");

	private static final Message USER_POSTS = JsonCalls.what("userPosts");

	static final JsonCalls.Api API = new JsonCalls.Api(Platform.X, Message.of("check.server.x"), Message.of("check.server.x"), XAdapter::error,
			XAdapter::resetOf);

	private final PlatformHttpClient http;

	private final XProperties properties;

	private final XBudget budget;

	private final int recentPosts;

	private final Clock clock;

	XAdapter(PlatformHttpClient http, XProperties properties, XBudget budget, PlatformProperties platforms,
			Clock clock) {
		this.http = http;
		this.properties = properties;
		this.budget = budget;
		// X returns 5 to 100 posts a page.
		this.recentPosts = Math.clamp(platforms.recentPosts(), 5, 100);
		this.clock = clock;
	}

	@Override
	public Platform platform() {
		return Platform.X;
	}

	@Override
	public @Nullable Duration interval() {
		return properties.interval();
	}

	@Override
	public int batchSize() {
		return MAX_USERS;
	}

	@Override
	public CheckResult check(CheckRequest request) {
		return checkAll(List.of(request)).getFirst();
	}

	@Override
	public List<CheckResult> checkAll(List<CheckRequest> requests) {
		var results = new CheckResult[requests.size()];
		if (!properties.configured()) {
			Arrays.fill(results, CheckResult.failure(CheckOutcome.UNSUPPORTED, null, Duration.ZERO, 0,
					Message.of("check.x.unconfigured").encode(), null));
			return List.of(results);
		}
		long granted = budget.take(requests.size(), 0);
		var byId = new ArrayList<Integer>();
		var byName = new ArrayList<Integer>();
		for (int i = 0; i < requests.size(); i++) {
			if (i >= granted) {
				results[i] = skipped();
			}
			else if (id(requests.get(i)) != null) {
				byId.add(i);
			}
			else {
				byName.add(i);
			}
		}
		lookUp(requests, byId, true, results);
		lookUp(requests, byName, false, results);
		return List.of(results);
	}

	private CheckResult skipped() {
		var usage = budget.allowance();
		return CheckResult.failure(CheckOutcome.SKIPPED, null, Duration.ZERO, 0,
				Message.of("check.x.budget", usage.used(), usage.limit(), usage.allowedNow()).encode(),
				null);
	}

	private static @Nullable String id(CheckRequest request) {
		var id = request.platformId();
		return (id != null && NUMERIC_ID.matcher(id).matches()) ? id : null;
	}

	/** Looks the users up, one request for them all; fills their results. */
	private void lookUp(List<CheckRequest> requests, List<Integer> indexes, boolean byId, CheckResult[] results) {
		if (indexes.isEmpty()) {
			return;
		}
		var keys = indexes.stream()
			.map((i) -> byId ? id(requests.get(i)) : requests.get(i).address().handle())
			.toList();
		var base = apiUrl();
		String url;
		if (keys.size() == 1) {
			url = base + (byId ? "/2/users/" : "/2/users/by/username/") + encode(keys.getFirst());
		}
		else {
			url = base + (byId ? "/2/users?ids=" : "/2/users/by?usernames=") + encode(String.join(",", keys));
		}
		url += (url.contains("?") ? "&" : "?") + "user.fields=" + USER_FIELDS;
		var calls = new JsonCalls(http, API, clock);
		HttpResult answer;
		try {
			answer = calls.get(get(url));
		}
		catch (HttpFailure failure) {
			budget.giveBack(indexes.size(), 0);
			var result = calls.failed(failure);
			indexes.forEach((i) -> results[i] = result);
			return;
		}
		var body = Json.parse(answer.text());
		if (answer.status() == 404 && keys.size() == 1) {
			// The single-user endpoints may answer a missing or suspended user with a 404 instead of errors[].
			var index = indexes.getFirst();
			var problem = problemFor(body, keys.getFirst());
			results[index] = gone(new Share(calls.latency(), calls.requests()), answer.status(),
					(problem != null) ? problem : null);
			return;
		}
		if (!answer.isSuccessful() || body == null || !body.isObject()) {
			budget.giveBack(indexes.size(), 0);
			var result = answer.isSuccessful() ? calls.malformed(answer, USER_LOOKUP)
					: refused(calls, answer);
			indexes.forEach((i) -> results[i] = result);
			return;
		}
		var users = new HashMap<String, JsonNode>();
		var data = body.get("data");
		for (var user : (data != null && data.isArray()) ? data : (data != null) ? List.of(data) : List.<JsonNode>of()) {
			var key = byId ? Json.id(user, "id") : lower(Json.text(user, "username"));
			if (key != null) {
				users.put(key, user);
			}
		}
		long notReturned = 0;
		for (int k = 0; k < keys.size(); k++) {
			var index = indexes.get(k);
			var request = requests.get(index);
			var key = byId ? keys.get(k) : lower(keys.get(k));
			var user = users.get(key);
			// The answer's time counts in every account's result, its request in the first one's only.
			var share = new Share(answer.latency(), (k == 0) ? answer.attempts() : 0);
			if (user == null) {
				notReturned++;
				var problem = problemFor(body, keys.get(k));
				results[index] = (problem != null) ? gone(share, answer.status(), problem)
						: CheckResult.failure(CheckOutcome.ERROR, answer.status(), share.latency(), share.requests(),
								Message.of("check.x.neither").encode(), null);
				continue;
			}
			results[index] = user(request, user, share, answer.status());
		}
		// X charges the resources it returns: users it could not find were not read.
		budget.giveBack(notReturned, 0);
	}

	/** The time and requests of a shared lookup that count in one account's result. */
	private record Share(Duration latency, int requests) {
	}

	private CheckResult user(CheckRequest request, JsonNode user, Share share, int status) {
		var id = Json.id(user, "id");
		var username = Json.text(user, "username");
		if (id == null || username == null) {
			return CheckResult.failure(CheckOutcome.ERROR, status, share.latency(), share.requests(),
					Message.of("check.api.malformed", USER_LOOKUP, Message.of("check.server.x")).encode(), null);
		}
		var handle = request.address().handle();
		var movedTo = username.equalsIgnoreCase(handle) ? null : username.toLowerCase(Locale.ROOT);
		var profile = profile(user);
		boolean locked = Json.flag(user, "protected");
		var newest = Json.id(user, "most_recent_tweet_id");
		var activity = (newest != null) ? snowflakeTime(newest) : null;
		var newestUrl = (newest != null) ? "https://x.com/" + username + "/status/" + newest : null;
		var outcome = (movedTo != null) ? CheckOutcome.MOVED : CheckOutcome.OK;
		String note = locked ? Message.of("check.x.protected").encode() : null;
		Integer posts = null;
		Double replyShare = null;
		var etag = newest;
		var latency = share.latency();
		int requests = share.requests();
		boolean changed = newest != null && !newest.equals(request.etag());
		if (changed && !locked) {
			var read = readPosts(id, username, (request.etag() != null && NUMERIC_ID.matcher(request.etag()).matches())
					? request.etag() : null);
			latency = latency.plus(read.latency());
			requests += read.requests();
			if (read.note() != null) {
				// Not read now: the ETag stays as it was, so that the next check reads them.
				etag = null;
				note = read.note();
			}
			else {
				posts = read.posts();
				replyShare = read.replyShare();
			}
		}
		return new CheckResult(outcome, status, latency, requests, note, activity, newestUrl, false, profile,
				posts, replyShare, movedTo, id, etag, null, null);
	}

	/**
	 * What reading the newest posts gave.
	 * @param note why they were not read, null when they were
	 */
	private record Posts(@Nullable Integer posts, @Nullable Double replyShare, Duration latency, int requests,
			@Nullable String note) {
	}

	private Posts readPosts(String id, String username, @Nullable String sinceId) {
		long granted = budget.take(recentPosts, recentPosts);
		if (granted < recentPosts) {
			budget.giveBack(granted, granted);
			return new Posts(null, null, Duration.ZERO, 0, Message.of("check.x.budget.posts", username).encode());
		}
		var url = apiUrl() + "/2/users/" + encode(id) + "/tweets?max_results=" + recentPosts
				+ "&tweet.fields=created_at,referenced_tweets" + ((sinceId != null) ? "&since_id=" + sinceId : "");
		var calls = new JsonCalls(http, API, clock);
		try {
			var answer = calls.get(get(url));
			var body = Json.parse(answer.text());
			if (!answer.isSuccessful() || body == null || !body.isObject()) {
				budget.giveBack(recentPosts, recentPosts);
				var problem = answer.isSuccessful() ? calls.malformed(USER_POSTS) : calls.problem(answer, USER_POSTS);
				return new Posts(null, null, calls.latency(), calls.requests(), problem);
			}
			var data = body.get("data");
			int total = 0;
			int replies = 0;
			if (data != null && data.isArray()) {
				for (var post : data) {
					total++;
					if (referenced(post, "replied_to")) {
						replies++;
					}
				}
			}
			budget.giveBack(recentPosts - total, recentPosts - total);
			return new Posts(total, (total == 0) ? null : replies / (double) total, calls.latency(), calls.requests(),
					null);
		}
		catch (HttpFailure failure) {
			budget.giveBack(recentPosts, recentPosts);
			return new Posts(null, null, calls.latency(), calls.requests(),
					Message.of("check.x.postsUnread", Calls.failure(failure)).encode());
		}
	}

	/** Whether the post refers to another as {@code type}: replied_to, quoted or retweeted. */
	static boolean referenced(JsonNode post, String type) {
		var references = post.get("referenced_tweets");
		if (references == null || !references.isArray()) {
			return false;
		}
		for (var reference : references) {
			if (type.equals(Json.text(reference, "type"))) {
				return true;
			}
		}
		return false;
	}

	static Profile profile(JsonNode user) {
		var metrics = Json.object(user, "public_metrics");
		var fields = new ArrayList<Profile.Field>();
		var location = Json.text(user, "location");
		if (location != null && !location.isBlank()) {
			fields.add(new Profile.Field("location", location, null));
		}
		var url = Json.text(user, "url");
		if (url != null && !url.isBlank()) {
			fields.add(new Profile.Field("url", url, null));
		}
		return new Profile(Json.text(user, "name"), Json.text(user, "description"),
				Json.text(user, "profile_image_url"), Json.number(metrics, "followers_count"),
				Json.number(metrics, "following_count"), Json.number(metrics, "tweet_count"), fields, false,
				Json.instant(user, "created_at"));
	}

	/** When a post with this id was made: X's ids are Snowflakes that carry their time. */
	static @Nullable Instant snowflakeTime(String id) {
		try {
			long value = Long.parseLong(id);
			return (value <= 0) ? null : Instant.ofEpochMilli((value >> 22) + SNOWFLAKE_EPOCH);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * The {@code detail} of the {@code errors[]} entry about this id or username, when the answer has one: the form of
	 * "Could not find user with usernames: [name]." and "User has been suspended: [name]." that a 200 carries.
	 */
	static @Nullable String problemFor(@Nullable JsonNode body, String key) {
		var errors = (body == null) ? null : body.get("errors");
		if (errors == null || !errors.isArray()) {
			var detail = Json.text(body, "detail");
			return (detail != null) ? detail : null;
		}
		for (var error : errors) {
			var value = Optional.ofNullable(Json.id(error, "value")).orElse(Json.id(error, "resource_id"));
			if (value != null && value.equalsIgnoreCase(key)) {
				return Optional.ofNullable(Json.text(error, "detail")).orElse(Json.text(error, "title"));
			}
		}
		return null;
	}

	/** A user the answer does not return: X's own words about it decide, and a bare 404 says it is not found. */
	private static CheckResult gone(Share share, int status, @Nullable String detail) {
		if (detail == null) {
			return CheckResult.gone(CheckOutcome.NOT_FOUND, status, share.latency(), share.requests(),
					Message.of("check.x.notFound", String.valueOf(status)).encode());
		}
		var lower = detail.toLowerCase(Locale.ROOT);
		var said = Message.of("check.x.said", Calls.detail(detail)).encode();
		if (lower.contains("suspended")) {
			return CheckResult.gone(CheckOutcome.SUSPENDED, status, share.latency(), share.requests(), said);
		}
		if (lower.contains("could not find") || lower.contains("not found")) {
			return CheckResult.gone(CheckOutcome.NOT_FOUND, status, share.latency(), share.requests(), said);
		}
		return CheckResult.failure(CheckOutcome.ERROR, status, share.latency(), share.requests(), said, null);
	}

	/** A whole lookup refused: the token (401, 403), the rate limit (429) or the API's failure. */
	private CheckResult refused(JsonCalls calls, HttpResult answer) {
		if (answer.status() == 401 || answer.status() == 403) {
			return calls.error(answer.status(), Calls.said(Message.of("check.x.tokenRefused",
					String.valueOf(answer.status())), error(answer).orElse(null)));
		}
		return calls.unexpected(answer, USER_LOOKUP);
	}

	/** The error text of an X API answer: a problem's {@code detail} or {@code title}, or an {@code errors[]} entry. */
	static Optional<String> error(HttpResult answer) {
		var body = Json.parse(answer.text());
		if (body == null || !body.isObject()) {
			return Optional.empty();
		}
		var detail = Json.text(body, "detail");
		if (detail == null) {
			detail = Json.text(body, "title");
		}
		var errors = body.get("errors");
		if (detail == null && errors != null && errors.isArray() && !errors.isEmpty()) {
			var first = errors.get(0);
			detail = Optional.ofNullable(Json.text(first, "detail")).orElse(Json.text(first, "message"));
		}
		return Optional.ofNullable(detail);
	}

	/** {@code x-rate-limit-reset}: the Unix second at which the window resets. */
	static @Nullable Instant resetOf(HttpResult answer) {
		var reset = answer.header("x-rate-limit-reset");
		if (reset == null || !reset.strip().chars().allMatch(Character::isDigit) || reset.isBlank()) {
			return null;
		}
		try {
			return Instant.ofEpochSecond(Long.parseLong(reset.strip()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private HttpGet get(String url) {
		return HttpGet.of(Platform.X, url)
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + properties.bearerToken())
			.withoutRedirects();
	}

	private String apiUrl() {
		var base = properties.apiUrl().toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2C", ",");
	}

	private static @Nullable String lower(@Nullable String value) {
		return (value == null) ? null : value.toLowerCase(Locale.ROOT);
	}

}
