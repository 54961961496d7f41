package org.vigia.platform.bluesky;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.AccountSearch;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.FoundAccount;
import org.vigia.platform.HandleProbe;
import org.vigia.platform.InvalidHandleException;
import org.vigia.platform.LookalikeSource;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.adapter.JsonCalls;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * Searches Bluesky accounts and looks up handles through the public AppView, anonymously. The search answers profile
 * views, which carry no follower or post counts: found accounts have those as null.
 */
@Component
public class BlueskyLookalikes implements LookalikeSource {

	/** searchActors answers at most 100 actors a page. */
	static final int MAX_RESULTS = 100;

	/** getProfiles takes at most 25 actors. */
	static final int MAX_ACTORS = 25;

	private static final Logger log = LoggerFactory.getLogger(BlueskyLookalikes.class);

	private final PlatformHttpClient http;

	private final PlatformProperties properties;

	private final Clock clock;

	public BlueskyLookalikes(PlatformHttpClient http, PlatformProperties properties, Clock clock) {
		this.http = http;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Platform platform() {
		return Platform.BLUESKY;
	}

	@Override
	public int maxResults() {
		return MAX_RESULTS;
	}

	@Override
	public AccountSearch search(String query, @Nullable URI server, int limit) {
		var calls = new JsonCalls(http, AppView.API, clock);
		try {
			var answer = calls.get(AppView.method(properties, "app.bsky.actor.searchActors") + "?q="
					+ AppView.encode(query) + "&limit=" + Math.min(limit, MAX_RESULTS));
			if (answer.status() == 429) {
				return AccountSearch.rateLimited(calls.problem(answer, "the account search"), calls.retryAt(answer),
						calls.requests());
			}
			if (!answer.isSuccessful()) {
				return AccountSearch.unavailable(calls.problem(answer, "the account search"), calls.requests());
			}
			var body = Json.parse(answer.text());
			var actors = (body == null) ? null : body.get("actors");
			if (actors == null || !actors.isArray()) {
				return AccountSearch.unavailable(calls.malformed("the account search"), calls.requests());
			}
			var found = new ArrayList<FoundAccount>();
			for (var actor : actors) {
				var account = found(actor);
				if (account != null) {
					found.add(account);
				}
			}
			return AccountSearch.ok(found, calls.requests());
		}
		catch (HttpFailure failure) {
			return (failure.kind() == HttpFailure.Kind.RATE_LIMITED)
					? AccountSearch.rateLimited(Calls.describe(failure), failure.retryAt(), calls.requests())
					: AccountSearch.unavailable(Calls.describe(failure), calls.requests());
		}
	}

	/** A search result as a canonical account, or null when it names none Vigía could register or poll. */
	private static @Nullable FoundAccount found(JsonNode actor) {
		var profile = BlueskyProfile.from(actor);
		if (profile == null || profile.handle() == null) {
			log.debug("Skipping a search result without a DID or handle");
			return null;
		}
		if (profile.handleIsInvalid()) {
			// The account exists, but under no name anyone could mistake for an institution's.
			log.debug("Skipping {}: its handle does not verify", profile.did());
			return null;
		}
		try {
			return new FoundAccount(Platform.BLUESKY.parse(profile.handle()), profile.did(), profile.profile());
		}
		catch (InvalidHandleException ex) {
			log.debug("Skipping {}: {}", profile.did(), ex.getMessage());
			return null;
		}
	}

	@Override
	public HandleProbe probe(AccountAddress address) {
		var calls = new JsonCalls(http, AppView.API, clock);
		var handle = address.handle();
		try {
			var answer = calls.get(AppView.method(properties, "app.bsky.actor.getProfile") + "?actor="
					+ AppView.encode(handle));
			if (answer.status() == 400) {
				var error = BlueskyError.of(answer);
				var gone = error.map(BlueskyError::gone).orElse(null);
				if (gone != null) {
					var detail = "the AppView answers " + error.get() + " for " + handle;
					return (gone == CheckOutcome.NOT_FOUND) ? HandleProbe.absent(detail)
							: HandleProbe.suspended(null, detail);
				}
			}
			return exists(answer, address, calls);
		}
		catch (HttpFailure failure) {
			return HandleProbe.unknown(Calls.describe(failure), failure.retryAt());
		}
	}

	@Override
	public int probeBatch() {
		return MAX_ACTORS;
	}

	/**
	 * Asks {@code app.bsky.actor.getProfiles} for up to 25 handles at once. It answers the profiles of the actors that
	 * exist and leaves out the others, whatever the reason (no such handle, taken down, deactivated): those are ABSENT.
	 * A handle that no longer verifies answers as {@code handle.invalid}, so it matches none asked: ABSENT too, as
	 * nobody can reach the account under it. One handle alone is asked with getProfile, which tells the reasons apart.
	 */
	@Override
	public Map<AccountAddress, HandleProbe> probe(List<AccountAddress> addresses, Duration patience) {
		if (addresses.size() == 1) {
			return Map.of(addresses.get(0), probe(addresses.get(0)));
		}
		Map<AccountAddress, HandleProbe> answers = new LinkedHashMap<>();
		if (addresses.isEmpty()) {
			return answers;
		}
		var calls = new JsonCalls(http, AppView.API, clock);
		var url = new StringBuilder(AppView.method(properties, "app.bsky.actor.getProfiles"));
		for (int i = 0; i < addresses.size(); i++) {
			url.append((i == 0) ? '?' : '&').append("actors=").append(AppView.encode(addresses.get(i).handle()));
		}
		HttpResult answer;
		try {
			answer = calls.get(url.toString());
		}
		catch (HttpFailure failure) {
			var unknown = HandleProbe.unknown(Calls.describe(failure), failure.retryAt());
			addresses.forEach(address -> answers.put(address, unknown));
			return answers;
		}
		if (!answer.isSuccessful()) {
			var unknown = HandleProbe.unknown(calls.problem(answer, "the profiles"),
					(answer.status() == 429) ? calls.retryAt(answer) : null);
			addresses.forEach(address -> answers.put(address, unknown));
			return answers;
		}
		var body = Json.parse(answer.text());
		var profiles = (body == null) ? null : body.get("profiles");
		if (profiles == null || !profiles.isArray()) {
			var unknown = HandleProbe.unknown(calls.malformed("the profiles"), null);
			addresses.forEach(address -> answers.put(address, unknown));
			return answers;
		}
		Map<String, BlueskyProfile> byHandle = new HashMap<>();
		for (var node : profiles) {
			var profile = BlueskyProfile.from(node);
			if (profile != null && profile.handle() != null && !profile.handleIsInvalid()) {
				byHandle.put(profile.handle().toLowerCase(Locale.ROOT), profile);
			}
		}
		for (var address : addresses) {
			var profile = byHandle.get(address.handle().toLowerCase(Locale.ROOT));
			answers.put(address, (profile != null)
					? HandleProbe.exists(new FoundAccount(address, profile.did(), profile.profile()), null)
					: HandleProbe.absent("the AppView answers no profile for " + address.handle()
							+ " among the profiles asked together"));
		}
		return answers;
	}

	private static HandleProbe exists(HttpResult answer, AccountAddress address, JsonCalls calls) {
		if (!answer.isSuccessful()) {
			return HandleProbe.unknown(calls.problem(answer, "the profile"),
					(answer.status() == 429) ? calls.retryAt(answer) : null);
		}
		var profile = BlueskyProfile.from(Json.parse(answer.text()));
		if (profile == null) {
			return HandleProbe.unknown(calls.malformed("the profile"), null);
		}
		var note = profile.handleIsInvalid() ? "the account's handle no longer verifies" : null;
		return HandleProbe.exists(new FoundAccount(address, profile.did(), profile.profile()), note);
	}

}
