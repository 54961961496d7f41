package org.vigia.platform.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.vigia.platform.English;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

class FeedAdapterTests {

	static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	// The client dates Retry-After with the same clock as the adapter, so rate-limit times are exact.
	private static final PlatformHttpClient HTTP = new PlatformHttpClient(HttpProperties.forLocalTests(),
			new SimpleMeterRegistry(), Clock.fixed(NOW, ZoneOffset.UTC));

	@StartStop
	private final MockWebServer server = new MockWebServer();

	@Test
	void readsTheNewestItemOfAnRss2Feed() {
		server.enqueue(feed("application/rss+xml; charset=utf-8", fixture("rss2.xml")));

		var result = check("/noticias/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-28T09:30:00Z"));
		assertThat(result.newestPostUrl()).isEqualTo("https://logrono.example.es/noticias/cortes-portales");
		assertThat(result.recentPosts()).isEqualTo(4);
		assertThat(result.replyShare()).isNull();
		assertThat(result.notModified()).isFalse();
		assertThat(result.profile()).isNotNull();
		assertThat(result.profile().displayName()).isEqualTo("Ayuntamiento de Logroño · Noticias");
		assertThat(result.profile().bio())
			.isEqualTo("Noticias del Ayuntamiento de Logroño: servicios, cultura y movilidad.");
		assertThat(result.profile().avatarUrl()).isEqualTo("https://logrono.example.es/img/escudo.png");
		assertThat(result.profile().followers()).isNull();
	}

	@Test
	void identifiesAFeedByTheUrlThatServedItAfterRedirects() {
		server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/rss/noticias.xml").build());
		server.enqueue(feed("application/rss+xml; charset=utf-8", fixture("rss2.xml")));

		var result = check("/noticias/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.platformId()).isEqualTo(server.url("/rss/noticias.xml").toString());
	}

	@Test
	void ignoresItemsDatedMoreThanADayAheadAndSaysSo() {
		server.enqueue(feed("application/rss+xml", fixture("rss2.xml")));

		var result = check("/noticias/feed.xml");

		assertThat(result.lastActivityAt()).isBefore(NOW);
		assertThat(English.text(result.error())).isEqualTo("1 item dated more than a day ahead was ignored");
	}

	@Test
	void acceptsAnItemDatedWithinADayAheadAsClockSkew() {
		server.enqueue(feed("application/rss+xml",
				rss("Tue, 01 Dec 2026 09:00:00 +0000", "Sun, 29 Nov 2026 20:00:00 +0000")));

		var result = check("/feed.xml");

		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-29T20:00:00Z"));
	}

	@Test
	void reportsTheNewestItemOfALongSilentFeed() {
		server.enqueue(feed("application/rss+xml", fixture("rss2-silent.xml")));

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-05-13T12:00:00Z"));
		assertThat(Duration.between(result.lastActivityAt(), NOW).toDays()).isEqualTo(200);
		assertThat(result.newestPostUrl()).isEqualTo("https://juventud.example.es/campamentos-admitidos");
	}

	@Test
	void readsDublinCoreDatesOfAnRss1Feed() {
		server.enqueue(feed("application/rdf+xml", fixture("rss1.xml")));

		var result = check("/rss");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-27T07:00:00Z"));
		assertThat(result.newestPostUrl()).isEqualTo("https://boletin.example.gob/anuncio/2026-4512");
		assertThat(result.recentPosts()).isEqualTo(2);
		assertThat(result.profile().displayName()).isEqualTo("Boletín Oficial de la Provincia");
		assertThat(result.profile().avatarUrl()).isEqualTo("https://boletin.example.gob/logo.gif");
	}

	@Test
	void readsAtomPublishedDatesAndFallsBackToUpdatedWhenAnEntryHasNone() {
		server.enqueue(feed("application/atom+xml", fixture("atom.xml")));

		var result = check("/atom.xml");

		// The first entry was corrected yesterday but published a month ago: an edit is not a new post.
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
		assertThat(result.newestPostUrl()).isEqualTo("https://press.uni.example.ac.uk/news/open-day");
		assertThat(result.profile().displayName()).isEqualTo("University Press Office");
		assertThat(result.profile().bio()).isEqualTo("News from the University press office");
		assertThat(result.profile().avatarUrl()).isEqualTo("https://press.uni.example.ac.uk/logo.svg");
	}

	@Test
	void resolvesRelativeLinksAgainstTheFeedAddress() {
		server.enqueue(feed("application/atom+xml", """
				<feed xmlns="http://www.w3.org/2005/Atom">
					<title>Relative</title>
					<icon>/favicon.ico</icon>
					<entry>
						<title>A</title><link href="/news/a"/><id>a</id><published>2026-11-20T10:00:00Z</published>
					</entry>
				</feed>
				"""));

		var result = check("/blog/atom.xml");

		assertThat(result.newestPostUrl()).isEqualTo(server.url("/news/a").toString());
		assertThat(result.profile().avatarUrl()).isEqualTo(server.url("/favicon.ico").toString());
	}

	@Test
	void neverReportsALinkThatIsNotHttp() {
		server.enqueue(feed("application/rss+xml", """
				<rss version="2.0"><channel>
					<title>T</title><link>https://example.org/</link><description>D</description>
					<image><url>javascript:alert(1)</url><title>T</title><link>https://example.org/</link></image>
					<item><title>A</title><link>javascript:alert(document.cookie)</link>
						<pubDate>Fri, 27 Nov 2026 10:00:00 +0000</pubDate></item>
				</channel></rss>
				"""));

		var result = check("/feed.xml");

		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
		assertThat(result.newestPostUrl()).isNull();
		assertThat(result.profile().avatarUrl()).isNull();
	}

	@Test
	void detectsTheCharsetFromTheXmlDeclaration() {
		var latin1 = """
				<?xml version="1.0" encoding="ISO-8859-1"?>
				<rss version="2.0"><channel><title>Concejalía de Educación</title><link>https://example.es/</link>
				<description>Información</description></channel></rss>
				""".getBytes(StandardCharsets.ISO_8859_1);
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/xml")
			.body(new Buffer().write(latin1))
			.build());

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.profile().displayName()).isEqualTo("Concejalía de Educación");
	}

	@Test
	void reportsNoActivityButANoteForAFeedWithoutDates() {
		server.enqueue(feed("application/rss+xml", rss()));

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isNull();
		assertThat(result.recentPosts()).isEqualTo(1);
		assertThat(English.text(result.error())).isEqualTo("1 of 1 items carry no date Vigía can read");
	}

	@Test
	void countsAtMostTheConfiguredNumberOfRecentPosts() {
		var dates = new String[30];
		for (int i = 0; i < dates.length; i++) {
			dates[i] = "Fri, 27 Nov 2026 10:%02d:00 +0000".formatted(i);
		}
		server.enqueue(feed("application/rss+xml", rss(dates)));

		var result = check("/feed.xml");

		assertThat(result.recentPosts()).isEqualTo(20);
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-27T10:29:00Z"));
	}

	@Test
	void sendsTheValidatorsOfTheLastCheckAndReportsNotModifiedOn304() throws InterruptedException {
		server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v2\"").build());

		var result = adapter().check(new CheckRequest(address("/feed.xml"), null, "\"v1\"",
				"Sat, 28 Nov 2026 09:30:00 GMT"));

		var request = server.takeRequest();
		assertThat(request.getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
		assertThat(request.getHeaders().get("If-Modified-Since")).isEqualTo("Sat, 28 Nov 2026 09:30:00 GMT");
		assertThat(request.getHeaders().get("Accept")).contains("application/rss+xml", "application/atom+xml");
		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.httpStatus()).isEqualTo(304);
		assertThat(result.notModified()).isTrue();
		assertThat(result.lastActivityAt()).isNull();
		assertThat(result.profile()).isNull();
		assertThat(result.etag()).isEqualTo("\"v2\"");
		assertThat(result.lastModified()).isEqualTo("Sat, 28 Nov 2026 09:30:00 GMT");
	}

	@Test
	void returnsTheNewValidatorsOfAChangedFeed() throws InterruptedException {
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/rss+xml")
			.addHeader("ETag", "W/\"5f2a\"")
			.addHeader("Last-Modified", "Sat, 28 Nov 2026 09:31:00 GMT")
			.body(fixture("rss2.xml"))
			.build());

		var result = check("/feed.xml");

		assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isNull();
		assertThat(result.etag()).isEqualTo("W/\"5f2a\"");
		assertThat(result.lastModified()).isEqualTo("Sat, 28 Nov 2026 09:31:00 GMT");
	}

	@Test
	void reportsNotFoundWhenTheFeedIsGone() {
		server.enqueue(new MockResponse.Builder().code(410).build());

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
		assertThat(result.httpStatus()).isEqualTo(410);
		assertThat(English.text(result.error())).contains("410");
	}

	@Test
	void reportsNotFoundWhenTheFeedAnswers404() {
		server.enqueue(new MockResponse.Builder().code(404).build());

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
		assertThat(result.httpStatus()).isEqualTo(404);
	}

	@Test
	void reportsRateLimitedUntilTheTimeRetryAfterGives() {
		server.setDispatcher(always(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build()));

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isEqualTo(NOW.plusSeconds(3600));
	}

	@Test
	void readsRetryAfterGivenAsAnHttpDate() {
		server.setDispatcher(always(new MockResponse.Builder().code(429)
			.addHeader("Retry-After", "Sun, 29 Nov 2026 18:00:00 GMT")
			.build()));

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isEqualTo(Instant.parse("2026-11-29T18:00:00Z"));
	}

	@Test
	void reportsRateLimitedWithoutARetryTimeWhenTheServerGivesNone() {
		server.setDispatcher(always(new MockResponse.Builder().code(429).build()));

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isNull();
		assertThat(English.text(result.error())).contains("429");
	}

	@Test
	void reportsAnErrorWhenTheServerFails() {
		server.setDispatcher(always(new MockResponse.Builder().code(503).build()));

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isEqualTo(503);
		assertThat(English.text(result.error())).contains("503");
	}

	@Test
	void readsTheFeedOnceTheServerRecoversFromAnError() {
		server.enqueue(new MockResponse.Builder().code(500).build());
		server.enqueue(feed("application/rss+xml", fixture("rss2.xml")));

		var first = check("/feed.xml");
		// The HTTP client may retry a 500 by itself; either way the adapter keeps no trace of the failure.
		var result = (first.outcome() == CheckOutcome.ERROR) ? check("/feed.xml") : first;

		assertThat(first.outcome()).isIn(CheckOutcome.ERROR, CheckOutcome.OK);
		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-28T09:30:00Z"));
	}

	@Test
	void reportsAnErrorWhenTheServerNeverAnswers() {
		server.setDispatcher(always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build()));

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).contains("timed out");
		// The whole sentence, the HTTP layer's detail in parentheses included, in the reader's language.
		assertThat(English.text(result.error(), Locale.forLanguageTag("es")))
			.startsWith("Sin respuesta a tiempo (tiempo agotado: http://")
			.doesNotContain("timed out");
		assertThat(English.text(result.error(), Locale.forLanguageTag("gl"))).contains("tempo esgotado")
			.doesNotContain("timed out");
	}

	@Test
	void reportsAMalformedFeedAsAnError() {
		server.enqueue(feed("application/rss+xml", fixture("malformed.xml")));

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(English.text(result.error())).startsWith("Malformed feed: ");
	}

	@Test
	void saysWhenTheAddressAnswersAnHtmlPageAndWhereItsFeedIs() {
		server.enqueue(feed("text/html; charset=utf-8", fixture("not-a-feed.html")));

		var result = check("/");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).startsWith("Not a feed: the address answers an HTML page")
			.contains(server.url("/noticias/feed.xml").toString());
	}

	@Test
	void saysWhenTheAnswerIsXmlButNoFeed() {
		server.enqueue(feed("application/xml",
				"<?xml version=\"1.0\"?><sitemap><url>https://example.org/</url></sitemap>"));

		var result = check("/sitemap.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error()))
			.isEqualTo("Not a feed: the document is <sitemap>, not RSS (<rss>, <rdf:RDF>) or Atom (<feed>)");
	}

	@Test
	void saysWhenTheAnswerIsNotXmlAtAll() {
		server.enqueue(feed("application/json", "{\"items\": []}"));

		var result = check("/feed.json");

		assertThat(English.text(result.error())).isEqualTo("Not a feed: the answer is not XML (Content-Type application/json)");
	}

	@Test
	void neverReadsAFileThroughAnExternalEntity() {
		server.enqueue(feed("application/rss+xml", fixture("xxe.xml")));

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).startsWith("Refused feed: its DOCTYPE declares entities");
		assertThat(result.toString()).doesNotContain("root:");
		assertThat(result.profile()).isNull();
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void refusesEntityExpansionBombsBeforeParsing() {
		server.enqueue(feed("application/rss+xml", fixture("billion-laughs.xml")));

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).startsWith("Refused feed: its DOCTYPE declares entities");
	}

	@Test
	void readsAnRss091FeedWithoutFetchingTheDtdItsDoctypeNames() throws InterruptedException {
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (request.getTarget().endsWith(".dtd")) {
					return new MockResponse.Builder().code(200).body("<!ENTITY oacute \"&#243;\">").build();
				}
				return feed("application/rss+xml", fixture("rss091-netscape.xml").replace("{{server}}",
						server.url("/").toString()));
			}
		});

		var result = check("/avisos.rss");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.profile().displayName()).isEqualTo("Diputación Provincial – Avisos");
		assertThat(result.recentPosts()).isEqualTo(2);
		// RSS 0.91 items carry no dates.
		assertThat(result.lastActivityAt()).isNull();
		assertThat(English.text(result.error())).isEqualTo("2 of 2 items carry no date Vigía can read");
		assertThat(server.getRequestCount()).isEqualTo(1);
		assertThat(server.takeRequest().getTarget()).isEqualTo("/avisos.rss");
	}

	@Test
	void neverFetchesAnExternalDtdToResolveAnEntity() {
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (request.getTarget().endsWith(".dtd")) {
					return new MockResponse.Builder().code(200)
						.body("<!ENTITY secret SYSTEM \"file:///etc/passwd\">")
						.build();
				}
				return feed("application/rss+xml", fixture("external-entity.xml").replace("{{server}}",
						server.url("/").toString()));
			}
		});

		var result = check("/feed.xml");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).startsWith("Malformed feed: ").contains("secret");
		assertThat(result.toString()).doesNotContain("root:");
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void reportsTheConnectionFailureWhenNothingListens() {
		var address = address("/feed.xml");
		server.close();

		var result = adapter().check(CheckRequest.of(address));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).isNotBlank();
	}

	@Test
	void aFeedThatTricklesOneBytePerSecondFailsAsAnErrorWithinOneCallTimeoutRetriesIncluded() {
		server.setDispatcher(always(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/rss+xml")
			.body(rss("Fri, 27 Nov 2026 10:00:00 +0000"))
			.throttleBody(1, 1, TimeUnit.SECONDS)
			.build()));
		var local = HttpProperties.forLocalTests();
		var callTimeout = Duration.ofSeconds(2);
		// Bytes keep coming, so the read timeout never fires: only the call timeout stops the check.
		var http = new PlatformHttpClient(new HttpProperties(true, 64, 4, local.connectTimeout(), Duration.ofSeconds(5),
				callTimeout, local.maxResponseSize(), local.maxRedirects(), local.maxRetries(),
				local.maxRateLimitWait(), local.contactUrl(), local.retryBaseDelay()), new SimpleMeterRegistry(),
				Clock.systemUTC());
		var adapter = new FeedAdapter(new FeedReader(http, PlatformProperties.at(server.url("/").uri()),
				Clock.fixed(NOW, ZoneOffset.UTC)));

		long started = System.nanoTime();
		var result = adapter.check(CheckRequest.of(address("/slow.xml")));
		var took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).contains("timed out");
		assertThat(result.requests()).isEqualTo(1);
		assertThat(server.getRequestCount()).isEqualTo(1);
		// Generous: the check used to take two whole call timeouts and more.
		assertThat(took).isLessThan(callTimeout.multipliedBy(2));
	}

	private CheckResult check(String path) {
		return adapter().check(CheckRequest.of(address(path)));
	}

	private FeedAdapter adapter() {
		var properties = PlatformProperties.at(server.url("/").uri());
		return new FeedAdapter(new FeedReader(HTTP, properties, Clock.fixed(NOW, ZoneOffset.UTC)));
	}

	private AccountAddress address(String path) {
		return Platform.FEED.parse(server.url(path).toString());
	}

	static MockResponse feed(String contentType, String body) {
		return new MockResponse.Builder().code(200).addHeader("Content-Type", contentType).body(body).build();
	}

	static Dispatcher always(MockResponse response) {
		return new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return response;
			}
		};
	}

	/** An RSS 2.0 feed with one item per date, or one undated item when no date is given. */
	static String rss(String... dates) {
		var items = new StringBuilder();
		if (dates.length == 0) {
			items.append("<item><title>Undated</title><link>https://example.org/undated</link></item>");
		}
		for (int i = 0; i < dates.length; i++) {
			items.append("<item><title>Item %d</title><link>https://example.org/%d</link><pubDate>%s</pubDate></item>"
				.formatted(i, i, dates[i]));
		}
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<rss version="2.0"><channel><title>Feed</title><link>https://example.org/</link>
				<description>A feed</description>%s</channel></rss>
				""".formatted(items);
	}

	static String fixture(String name) {
		try (var in = FeedAdapterTests.class.getResourceAsStream("/fixtures/feed/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
