package org.vigia.platform.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import static org.vigia.platform.feed.FeedAdapterTests.NOW;
import static org.vigia.platform.feed.FeedAdapterTests.always;
import static org.vigia.platform.feed.FeedAdapterTests.feed;
import static org.vigia.platform.feed.FeedAdapterTests.fixture;

class YouTubeAdapterTests {

	private static final String CHANNEL = "UCx5XG1OV2P6uZZ5FSM9Ttwb";

	// The client dates Retry-After with the same clock as the adapter, so rate-limit times are exact.
	private static final PlatformHttpClient HTTP = new PlatformHttpClient(HttpProperties.forLocalTests(),
			new SimpleMeterRegistry(), Clock.fixed(NOW, ZoneOffset.UTC));

	@StartStop
	private final MockWebServer server = new MockWebServer();

	@Test
	void readsTheNewestVideoOfAChannelFeed() throws InterruptedException {
		server.enqueue(feed("text/xml; charset=UTF-8", fixture("youtube-channel.xml")));

		var result = check(CHANNEL);

		assertThat(server.takeRequest().getTarget()).isEqualTo("/feeds/videos.xml?channel_id=" + CHANNEL);
		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-26T17:02:11Z"));
		assertThat(result.newestPostUrl()).isEqualTo("https://www.youtube.com/watch?v=k3Yp0dQm7aQ");
		assertThat(result.recentPosts()).isEqualTo(2);
		assertThat(result.replyShare()).isNull();
		assertThat(result.platformId()).isEqualTo(CHANNEL);
		assertThat(result.profile().displayName()).isEqualTo("Ayuntamiento de Zaragoza");
		assertThat(result.profile().avatarUrl()).isNull();
	}

	@Test
	void takesThePublicationDateNotTheUpdateThatViewCountsCause() {
		server.enqueue(feed("text/xml; charset=UTF-8", fixture("youtube-silent.xml")));

		var result = check("UCq0sWJ3mTq8dFzYkLr1vN2c");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-05-13T12:00:00Z"));
		assertThat(Duration.between(result.lastActivityAt(), NOW).toDays()).isEqualTo(200);
		assertThat(result.platformId()).isEqualTo("UCq0sWJ3mTq8dFzYkLr1vN2c");
		assertThat(result.profile().displayName()).isEqualTo("Museo Municipal");
	}

	@Test
	void restoresTheUcPrefixTheFeedLevelChannelIdLacks() {
		// Only the feed-level id, as YouTube has served it since late 2023, and an empty channel.
		server.enqueue(feed("text/xml", """
				<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom">
					<id>yt:channel:x5XG1OV2P6uZZ5FSM9Ttwb</id>
					<yt:channelId>x5XG1OV2P6uZZ5FSM9Ttwb</yt:channelId>
					<title>Canal nuevo</title>
				</feed>
				"""));

		var result = check(CHANNEL);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isNull();
		assertThat(result.recentPosts()).isZero();
		assertThat(result.platformId()).isEqualTo(CHANNEL);
		assertThat(result.profile().displayName()).isEqualTo("Canal nuevo");
	}

	@Test
	void reportsNotFoundOnA404ButSaysItNeedsConfirmation() {
		server.enqueue(new MockResponse.Builder().code(404).build());

		var result = check(CHANNEL);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
		assertThat(result.httpStatus()).isEqualTo(404);
		assertThat(English.text(result.error())).contains("404", "needs confirmation");
	}

	@Test
	void reportsAnErrorOnAServerErrorBurst() {
		server.setDispatcher(always(new MockResponse.Builder().code(500).build()));

		var result = check(CHANNEL);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isEqualTo(500);
	}

	@Test
	void readsTheFeedOnceYouTubeRecoversFromAnError() {
		server.enqueue(new MockResponse.Builder().code(500).build());
		server.enqueue(feed("text/xml", fixture("youtube-channel.xml")));

		var first = check(CHANNEL);
		// The HTTP client may retry a 500 by itself; either way the adapter keeps no trace of the failure.
		var result = (first.outcome() == CheckOutcome.ERROR) ? check(CHANNEL) : first;

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.lastActivityAt()).isEqualTo(Instant.parse("2026-11-26T17:02:11Z"));
	}

	@Test
	void handsBackTheValidatorsOnNotModified() throws InterruptedException {
		server.enqueue(new MockResponse.Builder().code(304).build());

		var result = adapter().check(new CheckRequest(Platform.YOUTUBE.parse(CHANNEL), CHANNEL, "\"yt-1\"", null));

		assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("\"yt-1\"");
		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.notModified()).isTrue();
		assertThat(result.etag()).isEqualTo("\"yt-1\"");
		assertThat(result.platformId()).isEqualTo(CHANNEL);
	}

	@Test
	void reportsRateLimitedUntilTheTimeRetryAfterGives() {
		server.setDispatcher(always(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").build()));

		var result = check(CHANNEL);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isEqualTo(NOW.plusSeconds(120));
	}

	@Test
	void reportsRateLimitedWithoutARetryTimeWhenYouTubeGivesNone() {
		server.setDispatcher(always(new MockResponse.Builder().code(429).build()));

		var result = check(CHANNEL);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isNull();
	}

	@Test
	void passesOnTheWaitTheHttpClientsOwnRateLimitImposes() {
		var retryAt = NOW.plusSeconds(90);
		var client = new PlatformHttpClient(HttpProperties.forLocalTests(), new SimpleMeterRegistry(), Clock.systemUTC()) {
			@Override
			public HttpResult get(HttpGet get) throws HttpFailure {
				throw new HttpFailure(HttpFailure.Kind.RATE_LIMITED, Message.of("http.failure.tooManyRequestsUntil",
						"www.youtube.com", retryAt.toString(), "https://www.youtube.com/"), retryAt, 0, null);
			}
		};
		var properties = PlatformProperties.at(server.url("/").uri());
		var adapter = new YouTubeAdapter(new FeedReader(client, properties, Clock.fixed(NOW, ZoneOffset.UTC)),
				properties);

		var result = adapter.check(CheckRequest.of(Platform.YOUTUBE.parse(CHANNEL)));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(result.retryAt()).isEqualTo(retryAt);
		assertThat(result.requests()).isZero();
	}

	@Test
	void reportsAnErrorWhenYouTubeNeverAnswers() {
		server.setDispatcher(always(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build()));

		var result = check(CHANNEL);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).contains("timed out");
	}

	@Test
	void reportsAMalformedFeedAsAnError() {
		server.enqueue(feed("text/xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Cut off</title><entry>"));

		var result = check(CHANNEL);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).startsWith("Malformed feed: ");
	}

	@Test
	void reportsAnErrorWhenYouTubeAnswersAConsentPageInsteadOfTheFeed() {
		server.enqueue(feed("text/html; charset=utf-8",
				"<!DOCTYPE html><html><head><title>Before you continue to YouTube</title></head><body></body></html>"));

		var result = check(CHANNEL);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(English.text(result.error())).startsWith("Not a feed: the address answers an HTML page");
	}

	@Test
	void readsALegacyUserNameThroughTheUserFeed() throws InterruptedException {
		server.enqueue(feed("text/xml", fixture("youtube-channel.xml")));

		var result = check("https://www.youtube.com/user/ZaragozaAyto");

		assertThat(server.takeRequest().getTarget()).isEqualTo("/feeds/videos.xml?user=zaragozaayto");
		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.platformId()).isEqualTo(CHANNEL);
	}

	@Test
	void doesNotCallALegacyUserGoneWhenItsFeedAnswers404() {
		server.enqueue(new MockResponse.Builder().code(404).build());

		var result = check("user/zaragozaayto");

		assertThat(result.outcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(result.httpStatus()).isEqualTo(404);
		assertThat(English.text(result.error())).contains("register the id");
	}

	@Test
	void pollsByTheChannelIdAnEarlierCheckLearntWhateverTheHandle() throws InterruptedException {
		server.enqueue(feed("text/xml", fixture("youtube-channel.xml")));

		var result = adapter().check(new CheckRequest(Platform.YOUTUBE.parse("@zaragozaayto"), CHANNEL, null, null));

		assertThat(server.takeRequest().getTarget()).isEqualTo("/feeds/videos.xml?channel_id=" + CHANNEL);
		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
	}

	@ParameterizedTest
	@ValueSource(strings = { "@zaragozaayto", "https://www.youtube.com/c/ZaragozaAyto" })
	void asksForTheChannelIdOfAChannelKnownOnlyByName(String handle) {
		var result = check(handle);

		assertThat(result.outcome()).isEqualTo(CheckOutcome.UNSUPPORTED);
		assertThat(result.requests()).isZero();
		assertThat(English.text(result.error())).contains("register this channel by its id");
		assertThat(server.getRequestCount()).isZero();
	}

	private CheckResult check(String handle) {
		return adapter().check(CheckRequest.of(Platform.YOUTUBE.parse(handle)));
	}

	private YouTubeAdapter adapter() {
		var properties = PlatformProperties.at(server.url("/").uri());
		return new YouTubeAdapter(new FeedReader(HTTP, properties, Clock.fixed(NOW, ZoneOffset.UTC)), properties);
	}

}
