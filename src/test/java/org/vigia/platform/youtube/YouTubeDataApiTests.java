package org.vigia.platform.youtube;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.vigia.platform.English;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.Platform;
import org.vigia.platform.adapter.Allowances;
import org.vigia.platform.adapter.Routes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YouTube Data API reader against answers shaped as Google documents them; the sources are listed in
 * {@code src/test/resources/fixtures/youtube/README.md}.
 */
class YouTubeDataApiTests {

	// 04:00 UTC on 6 December is still 5 December in Pacific time.
	private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

	private static final LocalDate PACIFIC_DAY = LocalDate.parse("2026-12-05");

	private static final String ID = "UC_x5XG1OV2P6uZZ5FSM9Ttw";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Routes routes = new Routes("youtube");

	private final Allowances allowances = Allowances.inMemory();

	private final PlatformHttpClient http = new PlatformHttpClient(HttpProperties.forLocalTests(),
			new SimpleMeterRegistry(), Clock.systemUTC());

	private YouTubeDataApi api(long quota) {
		server.setDispatcher(routes);
		return new YouTubeDataApi(http, new YouTubeApiProperties("test-key", server.url("/").uri(), quota), allowances,
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void resolvesAnAtHandleAndReadsTheProfileAndTheNewestUpload() throws Exception {
		routes.on("/youtube/v3/channels", routes.fixture("channel.json"))
			.on("/youtube/v3/playlistItems", routes.fixture("uploads.json"));

		var result = api(9000).check(CheckRequest.of(Platform.YOUTUBE.parse("@ajuntamentvila")));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.platformId()).isEqualTo(ID);
		assertThat(result.lastActivityAt()).isEqualTo("2026-12-03T17:30:00Z");
		assertThat(result.newestPostUrl()).isEqualTo("https://www.youtube.com/watch?v=1zagQpB_c0M");
		assertThat(result.profile().displayName()).isEqualTo("Ajuntament de Vila");
		assertThat(result.profile().followers()).isEqualTo(2310);
		assertThat(result.profile().posts()).isEqualTo(412);
		assertThat(result.profile().fields()).extracting((field) -> field.value())
			.contains("@ajuntamentvila", "public");
		var channels = server.takeRequest(1, TimeUnit.SECONDS);
		assertThat(channels.getUrl().queryParameter("forHandle")).isEqualTo("@ajuntamentvila");
		assertThat(channels.getHeaders().get("X-Goog-Api-Key")).isEqualTo("test-key");
		assertThat(channels.getUrl().queryParameter("key")).isNull();
		assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("playlistId"))
			.isEqualTo("UU_x5XG1OV2P6uZZ5FSM9Ttw");
		assertThat(allowances.usage("youtube", PACIFIC_DAY).used()).isEqualTo(2);
	}

	@Test
	void aChannelThatChannelsListNoLongerReturnsIsNotFoundPendingConfirmation() {
		routes.on("/youtube/v3/channels", routes.fixture("channel-none.json"));

		var result = api(9000).check(new CheckRequest(Platform.YOUTUBE.parse(ID), ID, null, null));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_FOUND);
		assertThat(English.text(result.error())).contains("needs confirmation");
		assertThat(allowances.usage("youtube", PACIFIC_DAY).used()).isEqualTo(1);
	}

	@Test
	void aSpentQuotaStopsTheDaysCallsUntilMidnightPacific() {
		routes.on("/youtube/v3/channels", Routes.json(403, routes.read("quota-exceeded.json")));
		var api = api(9000);

		var result = api.check(new CheckRequest(Platform.YOUTUBE.parse(ID), ID, null, null));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
		assertThat(English.text(result.error())).contains("quotaExceeded");
		assertThat(result.retryAt()).isEqualTo("2026-12-06T08:00:00Z");
		var next = api.check(new CheckRequest(Platform.YOUTUBE.parse(ID), ID, null, null));
		assertThat(next.outcome()).isEqualTo(CheckOutcome.SKIPPED);
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void stopsBeforeTheConfiguredQuotaRunsOut() {
		routes.on("/youtube/v3/channels", routes.fixture("channel.json"));
		var api = api(3);
		allowances.take("youtube", PACIFIC_DAY, 2, 3, 0);

		var result = api.check(new CheckRequest(Platform.YOUTUBE.parse(ID), ID, null, null));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.SKIPPED);
		assertThat(English.text(result.error())).contains("VIGIA_PLATFORMS_YOUTUBE_DAILY_QUOTA");
		assertThat(server.getRequestCount()).isZero();
	}

	@Test
	void aChannelReadByIdSendsItsEtagAndA304CostsOneUnit() throws Exception {
		routes.on("/youtube/v3/channels", new MockResponse.Builder().code(304).build());

		var result = api(9000).check(new CheckRequest(Platform.YOUTUBE.parse(ID), ID, "vU2r3bcl_u9y2vXp0ZL7Nn5Nk1c",
				null));

		assertThat(result.outcome()).isEqualTo(CheckOutcome.OK);
		assertThat(result.notModified()).isTrue();
		assertThat(result.httpStatus()).isEqualTo(304);
		assertThat(result.etag()).isEqualTo("vU2r3bcl_u9y2vXp0ZL7Nn5Nk1c");
		assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("If-None-Match"))
			.isEqualTo("vU2r3bcl_u9y2vXp0ZL7Nn5Nk1c");
		assertThat(allowances.usage("youtube", PACIFIC_DAY).used()).isEqualTo(1);
	}

}
