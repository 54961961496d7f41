package org.vigia.platform.mastodon;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.AccountSearch;
import org.vigia.platform.FoundAccount;
import org.vigia.platform.HandleProbe;
import org.vigia.platform.InvalidHandleException;
import org.vigia.platform.LookalikeSource;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.adapter.JsonCalls;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * Searches the accounts a Mastodon server knows, its own and the remote ones its users have seen, and looks up
 * handles on their own server, anonymously. Servers differ: some let only signed-in users search, and then the search
 * is UNAVAILABLE rather than empty. Searches and lookups are spread over each server's rate-limit window
 * ({@link RateWindows}), so that discovery's many lookups stay within it.
 */
@Component
public class MastodonLookalikes implements LookalikeSource {

	/** Mastodon answers at most 40 accounts a page. */
	static final int MAX_RESULTS = 40;

	private static final Logger log = LoggerFactory.getLogger(MastodonLookalikes.class);

	private final PlatformHttpClient http;

	private final Clock clock;

	private final RateWindows windows;

	@Autowired
	public MastodonLookalikes(PlatformHttpClient http, Clock clock) {
		this(http, clock, Thread::sleep);
	}

	/** @param sleeper how lookups wait for a server's next window, so that tests need not */
	MastodonLookalikes(PlatformHttpClient http, Clock clock, RateWindows.Sleeper sleeper) {
		this.http = http;
		this.clock = clock;
		this.windows = new RateWindows(clock, sleeper);
	}

	@Override
	public Platform platform() {
		return Platform.MASTODON;
	}

	@Override
	public int maxResults() {
		return MAX_RESULTS;
	}

	/**
	 * Asks the server's v2 search for accounts only, without {@code resolve} or {@code offset}, which since 4.0 need
	 * a signed-in user. Suspended accounts are left out: their profiles are blank and they impersonate nobody now.
	 * @param server the server to ask, as scheme://host[:port]
	 */
	@Override
	public AccountSearch search(String query, @Nullable URI server, int limit) {
		return search(query, server, limit, Duration.ZERO);
	}

	@Override
	public AccountSearch search(String query, @Nullable URI server, int limit, Duration patience) {
		var base = base(server);
		var calls = new JsonCalls(http, MastodonServer.API, clock);
		try {
			var retryAt = take(base, patience);
			if (retryAt != null) {
				return AccountSearch.rateLimited(base + " has no requests left in its rate-limit window before "
						+ retryAt, retryAt, 0);
			}
			var answer = calls.get(base + "/api/v2/search?q=" + MastodonServer.encode(query) + "&type=accounts&limit="
					+ Math.min(limit, MAX_RESULTS));
			windows.observe(base, answer);
			if (answer.status() == 429) {
				return AccountSearch.rateLimited(calls.problem(answer, "the account search"), calls.retryAt(answer),
						calls.requests());
			}
			if (answer.status() == 401 || answer.status() == 403) {
				var detail = MastodonError.of(answer).map((error) -> ": " + error).orElse("");
				return AccountSearch.unavailable(base + " lets only signed-in users search (HTTP " + answer.status()
						+ detail + ")", calls.requests());
			}
			if (!answer.isSuccessful()) {
				return AccountSearch.unavailable(calls.problem(answer, "the account search"), calls.requests());
			}
			var body = Json.parse(answer.text());
			var accounts = (body == null) ? null : body.get("accounts");
			if (accounts == null || !accounts.isArray()) {
				return AccountSearch.unavailable(calls.malformed("the account search"), calls.requests());
			}
			var found = new ArrayList<FoundAccount>();
			for (var node : accounts) {
				var account = MastodonAccount.from(node);
				if (account == null) {
					log.debug("Skipping a search result of {} without an id", base);
				}
				else if (account.suspended()) {
					log.debug("Skipping {} in the search results of {}: suspended", account.acct(), base);
				}
				else {
					var address = address(account, Json.text(node, "url"), base);
					if (address != null) {
						found.add(new FoundAccount(address, account.id(), account.profile()));
					}
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

	/**
	 * A search result's canonical address: a bare {@code acct} is an account of the searched server, {@code
	 * name@domain} one of the named domain. The scheme is https unless the account's own URL says http (local test
	 * and intranet servers); null when the account names nothing Vigía can parse.
	 */
	private static @Nullable AccountAddress address(MastodonAccount account, @Nullable String url, String base) {
		var acct = account.acct();
		if (acct == null || acct.isBlank()) {
			log.debug("Skipping account {} of {}: no acct", account.id(), base);
			return null;
		}
		var handle = acct.strip();
		if (handle.startsWith("@")) {
			handle = handle.substring(1);
		}
		boolean local = handle.indexOf('@') < 0;
		var server = URI.create(base);
		var scheme = local ? server.getScheme() : scheme(url);
		try {
			var address = Platform.MASTODON.parse(local ? handle + "@" + server.getRawAuthority() : handle);
			return scheme.equals("http") ? new AccountAddress(Platform.MASTODON, address.handle(),
					"http" + address.url().substring("https".length())) : address;
		}
		catch (InvalidHandleException ex) {
			log.debug("Skipping account {} of {}: {}", account.id(), base, ex.getMessage());
			return null;
		}
	}

	private static String scheme(@Nullable String url) {
		return (url != null && url.regionMatches(true, 0, "http://", 0, 7)) ? "http" : "https";
	}

	/** The server as scheme://host[:port], refusing anything else: the caller names servers, not pages. */
	private static String base(@Nullable URI server) {
		if (server == null) {
			throw new IllegalArgumentException("a Mastodon search needs the server to ask, such as "
					+ "https://mastodon.social");
		}
		var scheme = (server.getScheme() == null) ? "" : server.getScheme().toLowerCase(Locale.ROOT);
		var path = server.getRawPath();
		if (!(scheme.equals("https") || scheme.equals("http")) || server.getHost() == null
				|| server.getRawUserInfo() != null || (path != null && !path.isEmpty() && !path.equals("/"))
				|| server.getRawQuery() != null || server.getRawFragment() != null) {
			throw new IllegalArgumentException("not a Mastodon server address (scheme://host[:port]): " + server);
		}
		// As handles write it: the default port left out, so that results compare with registered handles.
		var port = server.getPort();
		boolean defaultPort = port < 0 || (scheme.equals("https") && port == 443)
				|| (scheme.equals("http") && port == 80);
		return scheme + "://" + server.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
	}

	@Override
	public HandleProbe probe(AccountAddress address) {
		return probe(address, Duration.ZERO);
	}

	/** One lookup per handle: Mastodon has no lookup of several. */
	@Override
	public Map<AccountAddress, HandleProbe> probe(List<AccountAddress> addresses, Duration patience) {
		var answers = new java.util.LinkedHashMap<AccountAddress, HandleProbe>();
		for (var address : addresses) {
			answers.put(address, probe(address, patience));
		}
		return answers;
	}

	private HandleProbe probe(AccountAddress address, Duration patience) {
		var server = MastodonServer.of(address.url());
		if (server == null) {
			return HandleProbe.unknown("the profile URL " + address.url() + " names no server", null);
		}
		var name = MastodonServer.name(address.handle());
		var calls = new JsonCalls(http, MastodonServer.API, clock);
		try {
			var retryAt = take(server, patience);
			if (retryAt != null) {
				return HandleProbe.unknown(server + " has no requests left in its rate-limit window before " + retryAt
						+ "; not asked", retryAt);
			}
			var lookup = calls.get(server + "/api/v1/accounts/lookup?acct=" + MastodonServer.encode(name));
			windows.observe(server, lookup);
			if (MastodonServer.saysNoSuchAccount(lookup)) {
				return HandleProbe.absent(server + " knows no account " + name + " (HTTP " + lookup.status()
						+ MastodonError.of(lookup).map((error) -> ": " + error).orElse("") + ")");
			}
			if (lookup.status() == 404) {
				return HandleProbe.unknown(MastodonServer.notMastodon(lookup, server).english(), null);
			}
			return found(lookup, address, server, calls);
		}
		catch (HttpFailure failure) {
			return HandleProbe.unknown(Calls.describe(failure), failure.retryAt());
		}
	}

	/** A request from the server's window, or when the server takes requests again (further than the patience). */
	private @Nullable Instant take(String server, Duration patience) throws HttpFailure {
		try {
			return windows.take(server, patience);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HttpFailure(HttpFailure.Kind.CONNECTION, Message.of("http.failure.interruptedWaiting", server),
					null, 0, ex);
		}
	}

	/** What is left of the server's rate-limit window as far as lookups know it; -1 before any request. */
	int remaining(String server) {
		return windows.remaining(server);
	}

	private static HandleProbe found(HttpResult lookup, AccountAddress address, String server, JsonCalls calls) {
		if (!lookup.isSuccessful()) {
			return HandleProbe.unknown(calls.problem(lookup, "the account lookup"),
					(lookup.status() == 429) ? calls.retryAt(lookup) : null);
		}
		var account = MastodonAccount.from(Json.parse(lookup.text()));
		if (account == null) {
			return HandleProbe.unknown(calls.malformed("the account lookup"), null);
		}
		var found = new FoundAccount(address, account.id(), account.profile());
		if (account.suspended()) {
			return HandleProbe.suspended(found, server + " suspended " + address.handle());
		}
		var note = !account.moved() ? null
				: "the account moved" + ((account.movedTo() != null) ? " to " + account.movedTo() : "");
		return HandleProbe.exists(found, note);
	}

}
