package org.vigia.platform.bluesky;

import java.time.Clock;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformAdapter;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.adapter.JsonCalls;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * Checks Bluesky accounts with two anonymous requests to the public AppView, the profile and then the author feed,
 * asking by DID once one is known so that a renamed account is still found.
 */
@Component
public class BlueskyAdapter implements PlatformAdapter {

	private final PlatformHttpClient http;

	private final PlatformProperties properties;

	private final Clock clock;

	/** An adapter on the system clock. */
	public BlueskyAdapter(PlatformHttpClient http, PlatformProperties properties) {
		this(http, properties, Clock.systemUTC());
	}

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

	private CheckResult check(CheckRequest request, JsonCalls calls) throws HttpFailure {
		var registered = request.address().handle();
		var actor = (request.platformId() != null && request.platformId().startsWith("did:")) ? request.platformId()
				: registered;
		var answer = calls.get(AppView.method(properties, "app.bsky.actor.getProfile") + "?actor=" + encode(actor));
		if (answer.status() == 400) {
			var error = BlueskyError.of(answer);
			if (error.isPresent()) {
				var outcome = error.get().gone();
				if (outcome != null) {
					return calls.gone(outcome, answer, "the AppView answers " + error.get() + " for " + actor);
				}
			}
		}
		if (!answer.isSuccessful()) {
			return calls.unexpected(answer, "the profile");
		}
		var profile = BlueskyProfile.from(Json.parse(answer.text()));
		if (profile == null) {
			return calls.malformed(answer, "the profile");
		}
		// The DID, unlike the handle, is the same account whatever it is called now.
		var feedAnswer = calls.get(AppView.method(properties, "app.bsky.feed.getAuthorFeed") + "?actor="
				+ encode(profile.did()) + "&limit=" + properties.recentPosts());
		if (!feedAnswer.isSuccessful()) {
			return calls.unexpected(feedAnswer, "the author feed");
		}
		var feed = BlueskyFeed.from(Json.parse(feedAnswer.text()), profile.did());
		if (feed == null) {
			return calls.malformed(feedAnswer, "the author feed");
		}
		var movedTo = renamedTo(registered, profile);
		return new CheckResult((movedTo != null) ? CheckOutcome.MOVED : CheckOutcome.OK, answer.status(),
				calls.latency(), calls.requests(), note(profile), feed.newestAt(), feed.newestUrl(), false,
				profile.profile(), feed.posts(), feed.replyShare(), movedTo, profile.did(), null, null, null);
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
			return "the handle no longer verifies (Bluesky shows " + BlueskyProfile.INVALID_HANDLE + " under "
					+ profile.did() + "): the domain's DNS TXT record _atproto or its /.well-known/atproto-did no "
					+ "longer names this account";
		}
		return null;
	}

	private static String encode(String value) {
		return AppView.encode(value);
	}

}
