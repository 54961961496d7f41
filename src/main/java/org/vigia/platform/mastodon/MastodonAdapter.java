package org.vigia.platform.mastodon;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Message;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformAdapter;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.adapter.JsonCalls;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * Checks Mastodon accounts with anonymous requests to the account's own server: once the account's id is known, one
 * request for its recent statuses, each of which embeds the account; otherwise (and whenever that answer cannot vouch
 * for the account) the account by name, then its statuses.
 */
@Component
public class MastodonAdapter implements PlatformAdapter {

	// Mastodon serves at most 40 statuses a page, whatever the limit asked for.
	private static final int MAX_STATUSES = 40;

	private final PlatformHttpClient http;

	private final PlatformProperties properties;

	private final Clock clock;

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

	private static final Message STATUSES = JsonCalls.what("statuses");

	private static final Message LOOKUP = JsonCalls.what("accountLookup");

	private CheckResult check(CheckRequest request, JsonCalls calls) throws HttpFailure {
		var address = request.address();
		var server = MastodonServer.of(address.url());
		if (server == null) {
			return calls.error(null, Message.of("check.mastodon.noServer", address.url()));
		}
		var name = MastodonServer.name(address.handle());
		var limit = Math.min(properties.recentPosts(), MAX_STATUSES);
		JsonNode emptyStatuses = null;
		if (request.platformId() != null) {
			var statuses = calls.get(statuses(server, request.platformId(), limit));
			if (statuses.status() == 429) {
				// The lookup would meet the same limit.
				return calls.unexpected(statuses, STATUSES);
			}
			var array = statuses.isSuccessful() ? Json.parse(statuses.text()) : null;
			if (array != null && array.isArray()) {
				var vouched = vouched(request, name, statuses, array, calls);
				if (vouched != null) {
					return vouched;
				}
				emptyStatuses = array.isEmpty() ? array : null;
			}
		}
		var lookup = calls.get(server + "/api/v1/accounts/lookup?acct=" + encode(name));
		if (lookup.status() == 404 || lookup.status() == 410) {
			return unknown(lookup, server, name, calls);
		}
		if (!lookup.isSuccessful()) {
			return calls.unexpected(lookup, LOOKUP);
		}
		var account = MastodonAccount.from(Json.parse(lookup.text()));
		if (account == null) {
			return calls.malformed(lookup, LOOKUP);
		}
		if (account.suspended()) {
			return calls.gone(CheckOutcome.SUSPENDED, lookup, Message.of("check.mastodon.suspended", server, address.handle()));
		}
		MastodonTimeline timeline;
		if (emptyStatuses != null && account.id().equals(request.platformId())) {
			// The same account, whose statuses were just read: asking again would only cost a request.
			timeline = MastodonTimeline.from(emptyStatuses, account.id());
		}
		else {
			var statuses = calls.get(statuses(server, account.id(), limit));
			if (!statuses.isSuccessful()) {
				return calls.unexpected(statuses, STATUSES);
			}
			timeline = MastodonTimeline.from(Json.parse(statuses.text()), account.id());
			if (timeline == null) {
				return calls.malformed(statuses, STATUSES);
			}
		}
		// Without public statuses, the day of the last one is all the server tells.
		var lastActivityAt = (timeline.newestAt() != null) ? timeline.newestAt() : account.lastStatusDay();
		return new CheckResult(account.moved() ? CheckOutcome.MOVED : CheckOutcome.OK, lookup.status(),
				calls.latency(), calls.requests(), note(request, account), lastActivityAt, timeline.newestUrl(), false,
				account.profile(), timeline.posts(), timeline.replyShare(), account.movedTo(), account.id(), null, null,
				null);
	}

	/**
	 * The check from the statuses alone, or null when they cannot vouch for the account and the lookup must decide:
	 * the list is empty (a suspended account's statuses are an empty list, as are those of an account that never
	 * posted), or the embedded account is suspended, moved, or no longer goes by the registered name.
	 */
	private static @Nullable CheckResult vouched(CheckRequest request, String name, HttpResult answer, JsonNode array,
			JsonCalls calls) {
		if (array.isEmpty()) {
			return null;
		}
		var account = MastodonAccount.from(Json.object(array.get(0), "account"));
		if (account == null || !account.id().equals(request.platformId()) || account.suspended() || account.moved()
				|| account.acct() == null || !account.acct().equalsIgnoreCase(name)) {
			return null;
		}
		var timeline = MastodonTimeline.from(array, account.id());
		if (timeline == null) {
			return null;
		}
		var lastActivityAt = (timeline.newestAt() != null) ? timeline.newestAt() : account.lastStatusDay();
		return new CheckResult(CheckOutcome.OK, answer.status(), calls.latency(), calls.requests(), null,
				lastActivityAt, timeline.newestUrl(), false, account.profile(), timeline.posts(), timeline.replyShare(),
				null, account.id(), null, null, null);
	}

	private static String statuses(String server, String accountId, int limit) {
		return server + "/api/v1/accounts/" + encode(accountId) + "/statuses?limit=" + limit;
	}

	/** NOT_FOUND only on Mastodon's own word; any other 404 is an error, not a missing account. */
	private static CheckResult unknown(HttpResult lookup, String server, String name, JsonCalls calls) {
		if (MastodonServer.saysNoSuchAccount(lookup)) {
			return calls.gone(CheckOutcome.NOT_FOUND, lookup, Calls.said(Message.of("check.mastodon.noAccount", server,
					name, String.valueOf(lookup.status())), MastodonError.of(lookup).orElse(null)));
		}
		return calls.error(lookup.status(), MastodonServer.notMastodon(lookup, server));
	}

	private static @Nullable String note(CheckRequest request, MastodonAccount account) {
		if (account.moved() && account.movedTo() == null) {
			return Message.of("check.note.movedNowhere").encode();
		}
		if (request.platformId() != null && !request.platformId().equals(account.id())) {
			return Message.of("check.note.nameTaken", account.id(), request.platformId()).encode();
		}
		return null;
	}

	private static String encode(String value) {
		return MastodonServer.encode(value);
	}

}
