package org.vigia.platform.mastodon;

import java.time.Clock;

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
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * Checks Mastodon accounts with two anonymous requests to the account's own server: the account by name, then its
 * recent statuses.
 */
@Component
public class MastodonAdapter implements PlatformAdapter {

	// Mastodon serves at most 40 statuses a page, whatever the limit asked for.
	private static final int MAX_STATUSES = 40;

	private final PlatformHttpClient http;

	private final PlatformProperties properties;

	private final Clock clock;

	/** An adapter on the system clock. */
	public MastodonAdapter(PlatformHttpClient http, PlatformProperties properties) {
		this(http, properties, Clock.systemUTC());
	}

	@Autowired
	public MastodonAdapter(PlatformHttpClient http, PlatformProperties properties, Clock clock) {
		this.http = http;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Platform platform() {
		return Platform.MASTODON;
	}

	@Override
	public CheckResult check(CheckRequest request) {
		var calls = new JsonCalls(http, MastodonServer.API, clock);
		return calls.check(() -> check(request, calls));
	}

	private CheckResult check(CheckRequest request, JsonCalls calls) throws HttpFailure {
		var address = request.address();
		var server = MastodonServer.of(address.url());
		if (server == null) {
			return calls.error(null, "the profile URL " + address.url() + " names no server");
		}
		var name = MastodonServer.name(address.handle());
		// Looking up by name, even when the id is known, notices a name that was freed and taken by someone else.
		var lookup = calls.get(server + "/api/v1/accounts/lookup?acct=" + encode(name));
		if (lookup.status() == 404 || lookup.status() == 410) {
			return unknown(lookup, server, name, calls);
		}
		if (!lookup.isSuccessful()) {
			return calls.unexpected(lookup, "the account lookup");
		}
		var account = MastodonAccount.from(Json.parse(lookup.text()));
		if (account == null) {
			return calls.malformed(lookup, "the account lookup");
		}
		if (account.suspended()) {
			return calls.gone(CheckOutcome.SUSPENDED, lookup, server + " suspended " + address.handle());
		}
		var limit = Math.min(properties.recentPosts(), MAX_STATUSES);
		var statuses = calls.get(server + "/api/v1/accounts/" + encode(account.id()) + "/statuses?limit=" + limit);
		if (!statuses.isSuccessful()) {
			return calls.unexpected(statuses, "the account's statuses");
		}
		var timeline = MastodonTimeline.from(Json.parse(statuses.text()), account.id());
		if (timeline == null) {
			return calls.malformed(statuses, "the account's statuses");
		}
		// Without public statuses, the day of the last one is all the server tells.
		var lastActivityAt = (timeline.newestAt() != null) ? timeline.newestAt() : account.lastStatusDay();
		return new CheckResult(account.moved() ? CheckOutcome.MOVED : CheckOutcome.OK, lookup.status(),
				calls.latency(), calls.requests(), note(request, account), lastActivityAt, timeline.newestUrl(), false,
				account.profile(), timeline.posts(), timeline.replyShare(), account.movedTo(), account.id(), null, null,
				null);
	}

	/** NOT_FOUND only on Mastodon's own word; any other 404 is an error, not a missing account. */
	private static CheckResult unknown(HttpResult lookup, String server, String name, JsonCalls calls) {
		if (MastodonServer.saysNoSuchAccount(lookup)) {
			var detail = MastodonError.of(lookup).map((text) -> ": " + text).orElse("");
			return calls.gone(CheckOutcome.NOT_FOUND, lookup,
					server + " knows no account " + name + " (HTTP " + lookup.status() + detail + ")");
		}
		return calls.error(lookup.status(), MastodonServer.notMastodon(lookup, server));
	}

	private static @Nullable String note(CheckRequest request, MastodonAccount account) {
		if (account.moved() && account.movedTo() == null) {
			return "the account moved, but the server does not say where";
		}
		if (request.platformId() != null && !request.platformId().equals(account.id())) {
			return "the name now belongs to another account (id " + account.id() + ", was " + request.platformId()
					+ "): the earlier account was probably deleted and its name taken again";
		}
		return null;
	}

	private static String encode(String value) {
		return MastodonServer.encode(value);
	}

}
