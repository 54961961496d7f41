package org.vigia.platform.telegram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.vigia.platform.English;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpGet;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramAdapterTests {

	private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	// The client dates Retry-After with the same clock as the adapter, so rate-limit times are exact.
	private static final PlatformHttpClient HTTP = new PlatformHttpClient(HttpProperties.forLocalTests(),
			new SimpleMeterRegistry(), Clock.fixed(NOW, ZoneOffset.UTC));

	@StartStop
	private final MockWebServer server = new MockWebServer();

	@Test
	void readsTheNewestPostAndTheProfileOfAnActiveChannel() throws InterruptedException {
		server.enqueue(page(fixture("channel.html")));

		var result = check("valenciaciudad");

		var request = server.takeRequest();
		assertThat(request.getTarget()).isEqualTo("/s/valenciaciudad");
		assertThat(request.getHeaders().get("Accept-Language")).isEqualTo("en");
		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-28T17:04:12Z"));
		assertThat(result.newestPostUrl()).isEqualTo("https://t.me/valenciaciudad/4412");
		assertThat(result.recentPosts()).isEqualTo(3);
		assertThat(result.replyShare()).isNull();
		assertThat(result.error()).isNull();
		var profile = result.profile();
		assertThat(profile).isNotNull();
		assertThat(profile.displayName()).isEqualTo("Ayuntamiento de Valencia");
		assertThat(profile.bio()).isEqualTo("Canal oficial del Ayuntamiento de Valencia. Web: valencia.example.es");
		assertThat(profile.avatarUrl()).isEqualTo("https://cdn4.telesco.pe/file/aVlcPhoto320.jpg");
		assertThat(profile.followers()).isEqualTo(48_200L);
		assertThat(profile.posts()).isNull();
	}

	@Test
	void countsAForwardedPostAsActivity() {
		// The newest post in the fixture is forwarded from another channel.
		server.enqueue(page(fixture("channel.html")));

		var result = check("valenciaciudad");

		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-28T17:04:12Z"));
		assertThat(result.newestPostUrl()).as("the channel's own copy, not the original").isEqualTo(
				"https://t.me/valenciaciudad/4412");
	}

	@Test
	void reportsTheNewestPostOfALongSilentChannel() {
		server.enqueue(page(fixture("channel-silent.html")));

		var result = check("culturavlc");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-05-13T12:00:00Z"));
		assertThat(Duration.between(result.lastActivityAt(), NOW).toDays()).isEqualTo(200);
		assertThat(result.newestPostUrl()).isEqualTo("https://t.me/culturavlc/4410");
	}

	@Test
	void reportsAChannelWithoutPostsAsExistingButWithoutActivity() {
		server.enqueue(page(fixture("channel-empty.html")));

		var result = check("participavlc");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isNull();
		assertThat(result.newestPostUrl()).isNull();
		assertThat(result.recentPosts()).isZero();
		assertThat(result.profile().displayName()).isEqualTo("Participa Valencia");
		assertThat(result.profile().followers()).isEqualTo(37L);
	}

	@Test
	void reportsNotFoundWhenTelegramRedirectsAwayFromThePreview() throws InterruptedException {
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (request.getTarget().startsWith("/s/")) {
					return new MockResponse.Builder().code(302).addHeader("Location", "/ayto_fantasma").build();
				}
				return page(fixture("generic-page.html"));
			}
		});

		var result = check("ayto_fantasma");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
		assertThat(result.httpStatus()).isEqualTo(302);
		assertThat(English.text(result.error())).contains("no public channel");
		assertThat(server.getRequestCount()).as("the redirect is the answer, not followed").isEqualTo(1);
		assertThat(server.takeRequest().getTarget()).isEqualTo("/s/ayto_fantasma");
	}

	@Test
	void reportsNotFoundWhenTelegramRedirectsToAnotherHost() {
		server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "https://telegram.org/").build());

		var result = check("ayto_fantasma");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
	}

	@Test
	void reportsAnErrorForARedirectThatStaysWithinThePreview() {
		server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/s/otro_canal").build());

		var result = check("ayto_fantasma");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).contains("/s/otro_canal");
	}

	@Test
	void reportsNotFoundWhenTelegramServesItsGenericPage() {
		server.enqueue(page(fixture("generic-page.html")));

		var result = check("ayto_fantasma");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(English.text(result.error())).contains("no public channel named ayto_fantasma");
	}

	@Test
	void reportsRateLimitedUntilTheTimeRetryAfterGives() {
		server.setDispatcher(always(new MockResponse.Builder().code(429).addHeader("Retry-After", "600").build()));

		var result = check("valenciaciudad");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isEqualTo(NOW.plusSeconds(600));
	}

	@Test
	void reportsRateLimitedWithoutARetryTimeWhenTelegramGivesNone() {
		server.setDispatcher(always(new MockResponse.Builder().code(429).build()));

		var result = check("valenciaciudad");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isNull();
	}

	@Test
	void passesOnTheWaitTheHttpClientsOwnRateLimitImposes() {
		var retryAt = NOW.plusSeconds(45);
		var client = new PlatformHttpClient(HttpProperties.forLocalTests(), new SimpleMeterRegistry(), Clock.systemUTC()) {
			@Override
			public HttpResult get(HttpGet get) throws HttpFailure {
				throw new HttpFailure(HttpFailure.Kind.RATE_LIMITED,
						Message.of("http.failure.tooManyRequestsUntil", "t.me", retryAt.toString(), "https://t.me/"), retryAt, 0,
						null);
			}
		};

		var result = adapter(client).check(CheckRequest.of(Platform.TELEGRAM.parse("valenciaciudad")));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isEqualTo(retryAt);
	}

	@Test
	void reportsAnErrorWhenTelegramFails() {
		server.setDispatcher(always(new MockResponse.Builder().code(502).build()));

		var result = check("valenciaciudad");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isEqualTo(502);
	}

	@Test
	void readsThePreviewOnceTelegramRecoversFromAnError() {
		server.enqueue(new MockResponse.Builder().code(500).build());
		server.enqueue(page(fixture("channel.html")));

		var first = check("valenciaciudad");
		// The HTTP client may retry a 500 by itself; either way the adapter keeps no trace of the failure.
		var result = (first.outcome() == CheckOutcome.ERROR) ? check("valenciaciudad") : first;

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-28T17:04:12Z"));
	}

	@Test
	void reportsAnErrorWhenTelegramNeverAnswers() {
		server.setDispatcher(always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build()));

		var result = check("valenciaciudad");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).contains("timed out");
	}

	@Test
	void reportsAnErrorWhenTheAnswerIsNoTelegramPage() {
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "text/html")
			.body("<html><body><h1>Wi-Fi login</h1><form action=/login></form></body></html>")
			.build());

		var result = check("valenciaciudad");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).startsWith("The answer is not a Telegram channel preview");
	}

	@Test
	void reportsAnErrorRatherThanSilenceWhenNoPostTimeCanBeRead() {
		// What a change of Telegram's markup would look like: posts are there, their times are not where they were.
		var html = fixture("channel.html").replaceAll("<time datetime=\"[^\"]+\"", "<time data-time=\"17:04\"");
		server.enqueue(page(html));

		var result = check("valenciaciudad");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).contains("3 posts", "markup may have changed");
	}

	@Test
	void skipsAPostWhoseTimeIsUnreadable() {
		var html = fixture("channel.html").replace("2026-11-28T17:04:12+00:00", "yesterday");
		server.enqueue(page(html));

		var result = check("valenciaciudad");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-27T11:40:00Z"));
		assertThat(result.newestPostUrl()).isEqualTo("https://t.me/valenciaciudad/4411");
	}

	@Test
	void ignoresAPostDatedMoreThanADayAhead() {
		var html = fixture("channel.html").replace("2026-11-28T17:04:12+00:00", "2027-11-28T17:04:12+00:00");
		server.enqueue(page(html));

		var result = check("valenciaciudad");

		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-27T11:40:00Z"));
		assertThat(English.text(result.error())).isEqualTo("1 post dated more than a day ahead was ignored");
	}

	private CheckResult check(String handle) {
		return adapter(HTTP).check(CheckRequest.of(Platform.TELEGRAM.parse(handle)));
	}

	private TelegramAdapter adapter(PlatformHttpClient http) {
		return new TelegramAdapter(http, PlatformProperties.at(server.url("/").uri()),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static MockResponse page(String html) {
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "text/html; charset=utf-8")
			.body(html)
			.build();
	}

	private static Dispatcher always(MockResponse response) {
		return new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return response;
			}
		};
	}

	static String fixture(String name) {
		try (var in = TelegramAdapterTests.class.getResourceAsStream("/fixtures/telegram/" + name)) {
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
