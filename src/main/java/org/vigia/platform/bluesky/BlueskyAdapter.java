package org.vigia.platform.bluesky;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformAdapter;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.adapter.JsonCalls;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * Checks Bluesky accounts with anonymous requests to the public AppView, asking by DID once one is known so that a
 * renamed account is still found: the profiles of up to 25 accounts in one request, then the author feed of those
 * whose post count changed since the last check (and of each account on a slower cadence, for what the count does not
 * show: reposts). One account alone is checked with its profile and its feed.
 */
@Component
public class BlueskyAdapter implements PlatformAdapter {

	// app.bsky.actor.getProfiles takes at most 25 actors.
	private static final int MAX_ACTORS = 25;

	private final PlatformHttpClient http;

	private final PlatformProperties properties;

	private final Clock clock;

	@Autowired
	public BlueskyAdapter(PlatformHttpClient http, PlatformProperties properties, Clock clock) {
		this.http = http;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Platform platform() {
		return Platform.BLUESKY;
	}

	@Override
	public CheckResult check(CheckRequest request) {
		var calls = new JsonCalls(http, AppView.API, clock);
		return calls.check(() -> check(request, calls));
	}

	@Override
	public int batchSize() {
		return MAX_ACTORS;
	}

	/**
	 * Reads the profiles of the accounts in one request, and asks one by one about those the answer leaves out (it
	 * omits actors it does not know or has taken down, without saying which). The batch request counts in the first
	 * account's result, its time in every account's.
	 */
	@Override
	public List<CheckResult> checkAll(List<CheckRequest> requests) {
		if (requests.size() <= 1) {
			return requests.stream().map(this::check).toList();
		}
		if (requests.size() > MAX_ACTORS) {
			var results = new ArrayList<CheckResult>(requests.size());
			for (int from = 0; from < requests.size(); from += MAX_ACTORS) {
				results.addAll(checkAll(requests.subList(from, Math.min(requests.size(), from + MAX_ACTORS))));
			}
			return results;
		}
		var batch = new JsonCalls(http, AppView.API, clock);
		var query = new StringBuilder(AppView.method(properties, "app.bsky.actor.getProfiles"));
		for (int i = 0; i < requests.size(); i++) {
			query.append(i == 0 ? "?" : "&").append("actors=").append(encode(actor(requests.get(i))));
		}
		HttpResult answer;
		try {
			answer = batch.get(query.toString());
		}
		catch (HttpFailure failure) {
			return shared(requests, batch, batch.failed(failure));
		}
		if (answer.status() == 429) {
			return shared(requests, batch, batch.unexpected(answer, JsonCalls.what("profiles")));
		}
		var found = answer.isSuccessful() ? profiles(Json.parse(answer.text())) : null;
		var results = new ArrayList<CheckResult>(requests.size());
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			var pending = new ArrayList<Future<CheckResult>>(requests.size());
			for (var request : requests) {
				var profile = (found == null) ? null : found.get(actor(request).toLowerCase(Locale.ROOT));
				pending.add(executor.submit(() -> {
					if (profile == null) {
						// Left out, or a batch the AppView refused: the single profile says why.
						return check(request);
					}
					var calls = new JsonCalls(http, AppView.API, clock);
					return calls.check(() -> withFeed(request, answer, profile, calls));
				}));
			}
			for (int i = 0; i < pending.size(); i++) {
				results.add(plus(pending.get(i).get(), batch.latency(), (i == 0) ? batch.requests() : 0));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking Bluesky accounts", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A Bluesky check failed unexpectedly", ex.getCause());
		}
		return results;
	}

	/** The profiles of a getProfiles answer by lower-case DID and handle, or null when it is not such an answer. */
	private static @Nullable Map<String, BlueskyProfile> profiles(@Nullable JsonNode answer) {
		var array = (answer == null) ? null : answer.get("profiles");
		if (array == null || !array.isArray()) {
			return null;
		}
		var profiles = new HashMap<String, BlueskyProfile>();
		for (var node : array) {
			var profile = BlueskyProfile.from(node);
			if (profile != null) {
				profiles.put(profile.did().toLowerCase(Locale.ROOT), profile);
				if (profile.handle() != null && !profile.handleIsInvalid()) {
					profiles.putIfAbsent(profile.handle().toLowerCase(Locale.ROOT), profile);
				}
			}
		}
		return profiles;
	}

	/** The batch's failure as every account's, its request counted once. */
	private static List<CheckResult> shared(List<CheckRequest> requests, JsonCalls batch, CheckResult failure) {
		var results = new ArrayList<CheckResult>(requests.size());
		for (int i = 0; i < requests.size(); i++) {
			results.add((i == 0) ? failure : plus(failure, Duration.ZERO, -failure.requests()));
		}
		return results;
	}

	private static CheckResult plus(CheckResult r, Duration latency, int requests) {
		return new CheckResult(r.outcome(), r.httpStatus(), r.latency().plus(latency), r.requests() + requests,
				r.error(), r.lastActivityAt(), r.newestPostUrl(), r.notModified(), r.profile(), r.recentPosts(),
				r.replyShare(), r.movedTo(), r.platformId(), r.etag(), r.lastModified(), r.retryAt());
	}

	private static String actor(CheckRequest request) {
		return (request.platformId() != null && request.platformId().startsWith("did:")) ? request.platformId()
				: request.address().handle();
	}

	private CheckResult check(CheckRequest request, JsonCalls calls) throws HttpFailure {
		var actor = actor(request);
		var answer = calls.get(AppView.method(properties, "app.bsky.actor.getProfile") + "?actor=" + encode(actor));
		if (answer.status() == 400) {
			var error = BlueskyError.of(answer);
			if (error.isPresent()) {
				var outcome = error.get().gone();
				if (outcome != null) {
					return calls.gone(outcome, answer, Message.of("check.bluesky.gone", error.get().toString(), actor));
				}
			}
		}
		if (!answer.isSuccessful()) {
			return calls.unexpected(answer, JsonCalls.what("profile"));
		}
		var profile = BlueskyProfile.from(Json.parse(answer.text()));
		if (profile == null) {
			return calls.malformed(answer, JsonCalls.what("profile"));
		}
		return withFeed(request, answer, profile, calls);
	}

	/** The check of an account whose profile was read, reading its feed unless the profile shows nothing new. */
	private CheckResult withFeed(CheckRequest request, HttpResult answer, BlueskyProfile profile, JsonCalls calls)
			throws HttpFailure {
		var registered = request.address().handle();
		var movedTo = renamedTo(registered, profile);
		if (!feedDue(request, profile)) {
			// Nothing to read: the activity, the newest post and the share of replies stay as the last check left them.
			return new CheckResult((movedTo != null) ? CheckOutcome.MOVED : CheckOutcome.OK, answer.status(),
					calls.latency(), calls.requests(), note(profile), null, null, false, profile.profile(), null, null,
					movedTo, profile.did(), null, null, null);
		}
		// The DID, unlike the handle, is the same account whatever it is called now.
		var feedAnswer = calls.get(AppView.method(properties, "app.bsky.feed.getAuthorFeed") + "?actor="
				+ encode(profile.did()) + "&limit=" + properties.recentPosts());
		if (!feedAnswer.isSuccessful()) {
			return calls.unexpected(feedAnswer, JsonCalls.what("authorFeed"));
		}
		var feed = BlueskyFeed.from(Json.parse(feedAnswer.text()), profile.did());
		if (feed == null) {
			return calls.malformed(feedAnswer, JsonCalls.what("authorFeed"));
		}
		return new CheckResult((movedTo != null) ? CheckOutcome.MOVED : CheckOutcome.OK, answer.status(),
				calls.latency(), calls.requests(), note(profile), feed.newestAt(), feed.newestUrl(), false,
				profile.profile(), feed.posts(), feed.replyShare(), movedTo, profile.did(), null, null, null);
	}

	/**
	 * Whether the feed must be read: on a first check, when the post count changed or is not shown, and on the
	 * account's own day of every {@code feedEvery}, spread by DID so that the reads do not all fall on one day.
	 */
	private boolean feedDue(CheckRequest request, BlueskyProfile profile) {
		var posts = profile.profile().posts();
		if (request.knownPosts() == null || posts == null || !posts.equals(request.knownPosts())
				|| !profile.did().equals(request.platformId())) {
			return true;
		}
		long days = properties.bluesky().feedEvery().toDays();
		if (days <= 1) {
			return true;
		}
		long today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
		return Math.floorMod(today, days) == Math.floorMod(profile.did().hashCode(), days);
	}

	/**
	 * The account's new handle when it no longer answers to the registered one. A registered DID never goes stale,
	 * and a handle that stopped verifying is not a new name.
	 */
	private static @Nullable String renamedTo(String registered, BlueskyProfile profile) {
		var handle = profile.handle();
		if (registered.startsWith("did:") || handle == null || profile.handleIsInvalid()) {
			return null;
		}
		var current = handle.toLowerCase(Locale.ROOT);
		return current.equals(registered.toLowerCase(Locale.ROOT)) ? null : current;
	}

	private static @Nullable String note(BlueskyProfile profile) {
		if (profile.handleIsInvalid()) {
			return Message.of("check.bluesky.invalidHandle", BlueskyProfile.INVALID_HANDLE, profile.did()).encode();
		}
		return null;
	}

	private static String encode(String value) {
		return AppView.encode(value);
	}

}
