package org.vigia.platform;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.vigia.platform.adapter.Routes;
import org.vigia.platform.bluesky.BlueskyLookalikes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.mastodon.MastodonLookalikes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.vigia.platform.adapter.Routes.json;

class PlatformDirectoryMastodonTests {

	private static final String SEARCH = "/api/v2/search";

	private static final String LOOKUP = "/api/v1/accounts/lookup";

	private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("mastodon");

	private final PlatformHttpClient http = new PlatformHttpClient(HttpProperties.forLocalTests(), new SimpleMeterRegistry(), Clock.systemUTC());

	private PlatformDirectory directory() {
		server.setDispatcher(routes);
		var clock = Clock.fixed(NOW, ZoneOffset.UTC);
		return new DefaultPlatformDirectory(List.of(new MastodonLookalikes(http, clock),
				new BlueskyLookalikes(http, PlatformProperties.at(server.url("/").uri()), clock)), http);
	}

	/** scheme://host:port of the test server, as search results name it. */
	private String base() {
		var url = server.url("/");
		return url.scheme() + "://" + url.host() + ":" + url.port();
	}

	private AccountSearch search(String query, int limit) {
		return directory().search(Platform.MASTODON, query, URI.create(base()), limit);
	}

	private HandleProbe probe(String name) {
		return directory().probe(Platform.MASTODON.parse(base() + "/@" + name));
	}

	private MockResponse searchFixture() {
		return json(200, routes.read("search-accounts.json").replace("${server}", base()));
	}

	@Test
	void findsLocalAccountsOnTheSearchedServerAndRemoteOnesOnTheirOwn() {
		routes.on(SEARCH, searchFixture());

		var search = search("Ayuntamiento de Móstoles", 40);

		assertThat(search.status()).isEqualTo(AccountSearch.Status.OK);
		assertThat(search.requests()).isEqualTo(1);
		var authority = server.url("/").host() + ":" + server.getPort();
		assertThat(search.accounts()).extracting(FoundAccount::address)
			.containsExactly(
					new AccountAddress(Platform.MASTODON, "aytomostoles@" + authority,
							base() + "/@aytomostoles"),
					new AccountAddress(Platform.MASTODON, "mostoles@social.mostoles.example",
							"https://social.mostoles.example/@mostoles"),
					// The account's own URL is plain http: an intranet server, kept as it is.
					new AccountAddress(Platform.MASTODON, "prensa@intranet.mostoles.example",
							"http://intranet.mostoles.example/@prensa"));
		// The searched server's ids, its own account's and its copies of remote ones alike.
		assertThat(search.accounts()).extracting(FoundAccount::platformId)
			.containsExactly("112233445566778899", "109876543210987654", "110000000000000001");
	}

	@Test
	void skipsSuspendedAccountsAndNamesVigiaCannotParse() {
		routes.on(SEARCH, searchFixture());

		var handles = search("Ayuntamiento de Móstoles", 40).accounts()
			.stream()
			.map((account) -> account.address().handle())
			.toList();

		assertThat(handles).noneMatch((handle) -> handle.startsWith("mostoles_oficial@"))
			.noneMatch((handle) -> handle.contains("pleroma"));
	}

	@Test
	void readsProfilesAsPlainTextWithVerifiedLinksAndWithoutThePlaceholderAvatar() {
		routes.on(SEARCH, searchFixture());

		var accounts = search("Ayuntamiento de Móstoles", 40).accounts();

		var impostor = accounts.get(0).profile();
		assertThat(impostor.displayName()).isEqualTo("Ayuntamiento de Móstoles");
		assertThat(impostor.bio()).isEqualTo("Cuenta no oficial. Noticias de Móstoles aquí");
		assertThat(impostor.avatarUrl()).startsWith(base() + "/system/accounts/avatars/");
		assertThat(impostor.followers()).isEqualTo(12);
		assertThat(impostor.fields()).singleElement().satisfies((field) -> {
			assertThat(field.value()).isEqualTo("https://www.mostoles.es");
			assertThat(field.verifiedAt()).isNull();
		});
		var official = accounts.get(1).profile();
		assertThat(official.fields()).singleElement()
			.satisfies((field) -> assertThat(field.verifiedAt()).isEqualTo("2023-03-01T08:00:00Z"));
		var press = accounts.get(2).profile();
		assertThat(press.avatarUrl()).isNull();
		assertThat(press.bot()).isTrue();
	}

	@Test
	void asksForAccountsOnlyWithTheQueryUrlEncodedAndAtMostFortyOfThem() throws InterruptedException {
		routes.on(SEARCH, json(200, "{\"accounts\":[],\"statuses\":[],\"hashtags\":[]}"));

		var search = search("Ayuntamiento de Móstoles", 100);

		assertThat(search.status()).isEqualTo(AccountSearch.Status.OK);
		assertThat(search.accounts()).isEmpty();
		var request = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(request.getUrl().encodedPath()).isEqualTo(SEARCH);
		assertThat(request.getUrl().queryParameter("q")).isEqualTo("Ayuntamiento de Móstoles");
		assertThat(request.getUrl().queryParameter("type")).isEqualTo("accounts");
		assertThat(request.getUrl().queryParameter("limit")).isEqualTo("40");
		assertThat(request.getUrl().queryParameter("resolve")).isNull();
		assertThat(request.getUrl().queryParameter("offset")).isNull();
		assertThat(request.getUrl().encodedQuery()).startsWith("q=Ayuntamiento+de+M%C3%B3stoles&");
	}

	@Test
	void callsTheSearchOfAServerThatWantsSignedInUsersUnavailable() {
		routes.on(SEARCH, json(401, routes.read("error-token-invalid.json")));

		var search = search("móstoles", 40);

		assertThat(search.status()).isEqualTo(AccountSearch.Status.UNAVAILABLE);
		assertThat(search.accounts()).isEmpty();
		assertThat(English.text(search.error())).contains("signed-in").contains("HTTP 401").contains("The access token is invalid");
	}

	@Test
	void reportsARateLimitedSearchWithMastodonsOwnResetTime() {
		var reset = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		routes.on(SEARCH, rateLimited(reset));

		var search = search("móstoles", 40);

		assertThat(search.status()).isEqualTo(AccountSearch.Status.RATE_LIMITED);
		assertThat(search.retryAt()).isEqualTo(reset);
	}

	@Test
	void reportsAnAnswerThatIsNoSearchResultAsUnavailable() {
		routes.on(SEARCH, json(200, "{\"statuses\":[]}"));

		var search = search("móstoles", 40);

		assertThat(search.status()).isEqualTo(AccountSearch.Status.UNAVAILABLE);
		assertThat(English.text(search.error())).containsIgnoringCase("malformed");
	}

	@Test
	void needsAServerAddressWithoutPathToSearch() {
		server.setDispatcher(routes);
		var directory = directory();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> directory.search(Platform.MASTODON, "móstoles", null, 40))
			.withMessageContaining("needs the server");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> directory.search(Platform.MASTODON, "móstoles", URI.create(base() + "/@cultura"), 40))
			.withMessageContaining("scheme://host[:port]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> directory.search(Platform.MASTODON, "móstoles", URI.create("ftp://mastodon.social"), 40));
		assertThat(server.getRequestCount()).isZero();
	}

	@Test
	void acceptsAServerAddressWithATrailingSlash() throws InterruptedException {
		routes.on(SEARCH, json(200, "{\"accounts\":[],\"statuses\":[],\"hashtags\":[]}"));

		var search = directory().search(Platform.MASTODON, "móstoles", URI.create(base() + "/"), 40);

		assertThat(search.status()).isEqualTo(AccountSearch.Status.OK);
		assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo(SEARCH);
	}

	@Test
	void namesLocalAccountsAsRegisteredHandlesAreWrittenWhateverTheServerAddressLooksLike() {
		routes.on(SEARCH, searchFixture());
		var url = server.url("/");
		var written = URI.create("http://" + url.host().toUpperCase(java.util.Locale.ROOT) + ":" + url.port() + "/");

		var search = directory().search(Platform.MASTODON, "móstoles", written, 40);

		assertThat(search.accounts().get(0).address()).isEqualTo(Platform.MASTODON.parse(base() + "/@aytomostoles"));
	}

	@Test
	void probesAnExistingHandleOnItsOwnServerByName() throws InterruptedException {
		routes.on(LOOKUP, routes.fixture("account-active.json"));

		var probe = probe("cultura");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.EXISTS);
		assertThat(probe.account()).isNotNull();
		assertThat(probe.account().address()).isEqualTo(Platform.MASTODON.parse(base() + "/@cultura"));
		assertThat(probe.account().platformId()).isEqualTo("109348423455212345");
		assertThat(probe.account().profile().followers()).isEqualTo(15230);
		assertThat(probe.detail()).isNull();
		var request = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(request.getUrl().encodedPath()).isEqualTo(LOOKUP);
		assertThat(request.getUrl().queryParameter("acct")).isEqualTo("cultura");
	}

	@Test
	void saysWhereAMovedAccountWentWhileItStillHoldsItsHandle() {
		routes.on(LOOKUP, routes.fixture("account-moved.json"));

		var probe = probe("cultura");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.EXISTS);
		assertThat(English.text(probe.detail())).startsWith("the account moved to ");
	}

	@Test
	void callsAHandleAbsentWhenMastodonSaysRecordNotFound() {
		routes.on(LOOKUP, json(404, routes.read("not-found.json")));

		var probe = probe("mostoles_oficial");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.ABSENT);
		assertThat(English.text(probe.detail())).contains("knows no account mostoles_oficial").contains("Record not found");
	}

	@Test
	void knowsNothingOfAHandleWhenA404IsNotMastodonsOwn() {
		routes.on(LOOKUP, new MockResponse.Builder().code(404)
			.addHeader("Content-Type", "text/html; charset=utf-8")
			.body("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>")
			.build());

		var probe = probe("mostoles_oficial");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.UNKNOWN);
		assertThat(probe.account()).isNull();
		assertThat(English.text(probe.detail())).contains("HTTP 404").contains("version 3.4 or later");
	}

	@Test
	void callsASuspendedAccountSuspended() {
		routes.on(LOOKUP, routes.fixture("account-suspended.json"));

		var probe = probe("cultura");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.SUSPENDED);
		assertThat(probe.account()).isNotNull();
		assertThat(English.text(probe.detail())).contains("suspended");
	}

	@Test
	void knowsNothingOfAHandleWhileRateLimitedAndSaysWhenToAskAgain() {
		var reset = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		routes.on(LOOKUP, rateLimited(reset));

		var probe = probe("cultura");

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.UNKNOWN);
		assertThat(probe.retryAt()).isEqualTo(reset);
	}

	@Test
	void knowsNothingOfAHandleWhenTheServerRefusesConnections() throws IOException {
		var closed = new MockWebServer();
		closed.start();
		var address = Platform.MASTODON
			.parse("http://" + closed.url("/").host() + ":" + closed.getPort() + "/@cultura");
		closed.close();
		server.setDispatcher(routes);

		var probe = directory().probe(address);

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.UNKNOWN);
		assertThat(English.text(probe.detail())).contains("ConnectException");
	}

	@Test
	void knowsNothingOfHandlesOnNetworksItCannotAsk() {
		var probe = directory().probe(Platform.X.parse("@ayto_mostoles"));

		assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.UNKNOWN);
		assertThat(English.text(probe.detail())).contains("X");
	}

	@Test
	void searchesBlueskyAndMastodonOnly() {
		var directory = directory();

		assertThat(directory.searchable()).containsExactlyInAnyOrder(Platform.BLUESKY, Platform.MASTODON);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> directory.search(Platform.TELEGRAM, "móstoles", null, 10))
			.withMessageContaining("Telegram");
	}

	private static MockResponse rateLimited(Instant reset) {
		return new MockResponse.Builder().code(429)
			.addHeader("Content-Type", "application/json; charset=utf-8")
			.addHeader("X-RateLimit-Limit", "300")
			.addHeader("X-RateLimit-Remaining", "0")
			.addHeader("X-RateLimit-Reset", reset.toString().replace("Z", ".000Z"))
			.body("{\"error\":\"Too many requests\"}")
			.build();
	}

}
