package org.vigia.platform.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Dns;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigia.platform.Platform;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PlatformHttpClientTests {

	private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");

	private final List<MockWebServer> servers = new ArrayList<>();

	private final ManualClock clock = new ManualClock(NOW);

	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@AfterEach
	void stopServers() {
		servers.forEach(MockWebServer::close);
	}

	@Test
	void returnsTheAnswerAndSendsAUserAgentNamingVigiaAndItsContact() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json; charset=utf-8")
			.body("{\"ok\":\"sí\"}")
			.build());

		var result = client().get(HttpGet.of(Platform.MASTODON, url(server, "/api/v1/instance")));

		assertThat(result.status()).isEqualTo(200);
		assertThat(result.text()).isEqualTo("{\"ok\":\"sí\"}");
		assertThat(result.header("Content-Type")).startsWith("application/json");
		assertThat(result.url()).isEqualTo(url(server, "/api/v1/instance"));
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(server.takeRequest().getHeaders().get("User-Agent")).startsWith("Vigia/")
			.contains("https://example.org/vigia");
	}

	@Test
	void servesAdapterTestsBuiltWithJustTheProperties() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

		var result = new PlatformHttpClient(HttpProperties.forLocalTests(), new SimpleMeterRegistry(), Clock.systemUTC())
			.get(HttpGet.of(Platform.FEED, url(server, "/feed")));

		assertThat(result.text()).isEqualTo("ok");
	}

	@Test
	void sendsTheValidatorsItHasAndReturnsNotModifiedAsAnOrdinaryAnswer() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());

		var result = client().get(HttpGet.of(Platform.YOUTUBE, url(server, "/feeds/videos.xml"))
			.conditional("\"v1\"", "Sun, 29 Nov 2026 07:00:00 GMT"));

		assertThat(result.status()).isEqualTo(304);
		assertThat(result.body()).isEmpty();
		assertThat(result.attempts()).isEqualTo(1);
		var request = server.takeRequest();
		assertThat(request.getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
		assertThat(request.getHeaders().get("If-Modified-Since")).isEqualTo("Sun, 29 Nov 2026 07:00:00 GMT");
	}

	@Test
	void asksForGzipAndReturnsTheDecompressedBodyWhateverEncodingTheCallerAskedFor() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Encoding", "gzip")
			.body(new Buffer().write(gzip("<rss>hola</rss>".getBytes())))
			.build());

		var result = client()
			.get(HttpGet.of(Platform.FEED, url(server, "/feed.xml")).header("Accept-Encoding", "identity"));

		assertThat(result.text()).isEqualTo("<rss>hola</rss>");
		assertThat(server.takeRequest().getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
	}

	@Test
	void stopsReadingAFiftyMegabyteStreamAtTheSizeCapWithoutHoldingItInMemory() throws Exception {
		var server = server();
		var body = new EndlessBody(50L * 1024 * 1024);
		server.enqueue(new MockResponse.Builder().code(200).body(body).removeHeader("Content-Length").build());
		var client = client((settings) -> settings.maxResponseSize = DataSize.ofMegabytes(1));
		long allocated = allocatedBytes();

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.get(HttpGet.of(Platform.FEED, url(server, "/huge"))))
			.satisfies((failure) -> assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE))
			.withMessageContaining("1048576 bytes");

		assertThat(allocatedBytes() - allocated).as("bytes allocated while reading").isLessThan(20L * 1024 * 1024);
		body.finished.get(5, TimeUnit.SECONDS);
		assertThat(body.written.get()).as("bytes the server got out before the client hung up")
			.isLessThan(50L * 1024 * 1024);
	}

	@Test
	void refusesAnAnswerWhoseDeclaredLengthIsOverTheCapBeforeReadingIt() throws Exception {
		var server = server();
		var body = new EndlessBody(50L * 1024 * 1024);
		server.enqueue(new MockResponse.Builder().code(200).body(body).build());
		var client = client((settings) -> settings.maxResponseSize = DataSize.ofMegabytes(1));

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.get(HttpGet.of(Platform.FEED, url(server, "/huge"))))
			.satisfies((failure) -> assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE));
	}

	@Test
	void stopsReadingAtTheRequestsOwnLimitWhenItIsBelowTheClientsCap() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200)
			.body(new Buffer().write(new byte[2049]))
			.removeHeader("Content-Length")
			.build());

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client().get(HttpGet.of(Platform.MASTODON, url(server, "/avatar.png")).limit(2048)))
			.satisfies((failure) -> assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE))
			.withMessageContaining("2048 bytes");
	}

	@Test
	void readsAnAnswerOfExactlyTheRequestsLimitAndKeepsTheClientsCapAboveIt() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[2048])).build());
		server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[4096])).build());
		var client = client((settings) -> settings.maxResponseSize = DataSize.ofBytes(3000));

		var exact = client.get(HttpGet.of(Platform.MASTODON, url(server, "/a.png")).limit(2048));

		assertThat(exact.body()).hasSize(2048);
		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.get(HttpGet.of(Platform.MASTODON, url(server, "/b.png")).limit(1_000_000)))
			.withMessageContaining("3000 bytes");
	}

	@Test
	void refusesALimitBelowOneByte() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> HttpGet.of(Platform.MASTODON, "https://example.org/a.png").limit(0))
			.withMessageContaining("maxBytes");
	}

	@Test
	void appliesTheSizeCapToTheDecompressedBytesOfAGzipBomb() throws Exception {
		var server = server();
		var bomb = gzip(new byte[20 * 1024 * 1024]);
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Encoding", "gzip")
			.body(new Buffer().write(bomb))
			.build());
		var client = client((settings) -> settings.maxResponseSize = DataSize.ofMegabytes(1));
		long allocated = allocatedBytes();

		assertThat(bomb.length).isLessThan(100 * 1024);
		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.get(HttpGet.of(Platform.FEED, url(server, "/bomb.xml"))))
			.satisfies((failure) -> assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE));
		assertThat(allocatedBytes() - allocated).as("bytes allocated while inflating").isLessThan(10L * 1024 * 1024);
	}

	@Test
	void followsRedirectsAndCountsEveryHopAsAnAttempt() throws Exception {
		var server = server();
		server.enqueue(redirect(url(server, "/s/cultura")));
		server.enqueue(new MockResponse.Builder().code(200).body("channel").build());

		var result = client().get(HttpGet.of(Platform.TELEGRAM, url(server, "/cultura")));

		assertThat(result.text()).isEqualTo("channel");
		assertThat(result.url()).isEqualTo(url(server, "/s/cultura"));
		assertThat(result.attempts()).isEqualTo(2);
	}

	@Test
	void returnsTheRedirectItselfWhenAskedNotToFollowIt() throws Exception {
		var server = server();
		server.enqueue(redirect("https://t.me/cultura"));

		var result = client().get(HttpGet.of(Platform.TELEGRAM, url(server, "/s/cultura")).withoutRedirects());

		assertThat(result.status()).isEqualTo(302);
		assertThat(result.header("location")).isEqualTo("https://t.me/cultura");
	}

	@Test
	void failsBadRedirectAfterTheAllowedNumberOfRedirects() throws Exception {
		var server = server();
		for (int i = 0; i < 4; i++) {
			server.enqueue(redirect(url(server, "/hop" + i)));
		}
		var client = client((settings) -> settings.maxRedirects = 3);

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.get(HttpGet.of(Platform.FEED, url(server, "/start"))))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BAD_REDIRECT);
				assertThat(failure.attempts()).isEqualTo(4);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://example.org/feed.xml", "file:///etc/passwd", "javascript:alert(1)" })
	void refusesRedirectsToAnythingButHttpAndHttps(String location) throws Exception {
		var server = server();
		server.enqueue(redirect(location));

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client().get(HttpGet.of(Platform.FEED, url(server, "/feed"))))
			.satisfies((failure) -> assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BAD_REDIRECT));
	}

	@Test
	void sendsCredentialsOnlyToTheOriginTheyWereMeantFor() throws Exception {
		var first = server();
		var second = server();
		first.enqueue(redirect(url(first, "/same")));
		first.enqueue(redirect(url(second, "/other")));
		second.enqueue(new MockResponse.Builder().code(200).build());

		client().get(HttpGet.of(Platform.X, url(first, "/start")).header("Authorization", "Bearer secret"));

		assertThat(first.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer secret");
		assertThat(first.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer secret");
		assertThat(second.takeRequest().getHeaders().get("Authorization")).isNull();
	}

	@Test
	void refusesARedirectToAnotherPortOnTheLoopbackAddress() throws Exception {
		var server = server();
		var internal = server();
		server.enqueue(redirect(url(internal, "/admin")));

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> guarded(server).get(HttpGet.of(Platform.MASTODON, url(server, "/@cultura"))))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BLOCKED_ADDRESS);
				assertThat(failure.attempts()).isEqualTo(1);
			})
			.withMessageContaining("127.0.0.1");
		assertThat(internal.getRequestCount()).isZero();
	}

	@Test
	void refusesARedirectToTheCloudMetadataService() throws Exception {
		var server = server();
		server.enqueue(redirect("http://169.254.169.254/latest/meta-data/"));

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> guarded(server).get(HttpGet.of(Platform.FEED, url(server, "/feed"))))
			.satisfies((failure) -> assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BLOCKED_ADDRESS))
			.withMessageContaining("169.254.169.254");
	}

	@Test
	void refusesLocalhostEvenOnTheExemptPortAndNamesTheHostButNotTheCredentials() throws Exception {
		var server = server();

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> guarded(server).get(HttpGet.of(Platform.FEED,
					"http://vigia:s3cret@localhost:" + server.getPort() + "/feed?key=t0ken")))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BLOCKED_ADDRESS);
				assertThat(failure.attempts()).isZero();
			})
			.withMessageContaining("localhost")
			.withMessageNotContaining("s3cret")
			.withMessageNotContaining("t0ken");
		assertThat(server.getRequestCount()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]:8080/",
			"http://0.0.0.0/", "http://127.1/", "http://2130706433/", "http://10.0.0.1/", "http://[fe80::1]/",
			"http://100.64.0.1/", "http://[fd00:ec2::254]/", "http://metadata.google.internal/computeMetadata/v1/" })
	void refusesIpLiteralsAndNamesOfForbiddenAddressesBeforeConnecting(String url) throws Exception {
		var server = server();

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> guarded(server).get(HttpGet.of(Platform.FEED, url)))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BLOCKED_ADDRESS);
				assertThat(failure.attempts()).isZero();
			});
	}

	@Test
	void refusesANameThatResolvesToLoopbackEvenWhereTheLoopbackEndpointItselfIsExempt() throws Exception {
		var server = server();
		var rebinding = resolving("feeds.example.org", "127.0.0.1");

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> guarded(server, rebinding)
				.get(HttpGet.of(Platform.FEED, "http://feeds.example.org:" + server.getPort() + "/feed")))
			.satisfies((failure) -> assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BLOCKED_ADDRESS))
			.withMessageContaining("feeds.example.org")
			.withMessageContaining("127.0.0.1 (loopback)");
		assertThat(server.getRequestCount()).isZero();
	}

	@Test
	void refusesARedirectToANameThatResolvesToAPrivateAddress() throws Exception {
		var server = server();
		server.enqueue(redirect("http://intranet.example.org/"));
		var resolver = resolving("intranet.example.org", "10.0.0.7", "fd12::7");

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> guarded(server, resolver).get(HttpGet.of(Platform.FEED, url(server, "/feed"))))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BLOCKED_ADDRESS);
				assertThat(failure.attempts()).isEqualTo(2);
			})
			.withMessageContaining("intranet.example.org");
	}

	@Test
	void connectsOnlyToTheResolvedAddressesThatPassTheGuard() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200).body("reached").build());
		var settings = new Settings();
		var client = new PlatformHttpClient(settings.properties(), meters, clock, this::sleep,
				resolving("mixed.example.org", "169.254.169.254", "127.0.0.1"), Set.of());

		var result = client.get(HttpGet.of(Platform.FEED, "http://mixed.example.org:" + server.getPort() + "/"));

		assertThat(result.text()).isEqualTo("reached");
	}

	@Test
	void followsTheSameRedirectWhenPrivateAddressesAreAllowed() throws Exception {
		var server = server();
		var internal = server();
		server.enqueue(redirect(url(internal, "/admin")));
		internal.enqueue(new MockResponse.Builder().code(200).body("intranet").build());

		var result = client().get(HttpGet.of(Platform.MASTODON, url(server, "/@cultura")));

		assertThat(result.text()).isEqualTo("intranet");
	}

	@Test
	void neverHasMoreRequestsInFlightToOneHostThanItsCap() throws Exception {
		var server = server();
		var inFlight = countInFlight(server);
		var client = client((settings) -> settings.maxRequestsPerHost = 2);

		getInParallel(client, 6, (i) -> url(server, "/" + i));

		assertThat(inFlight.get()).isEqualTo(2);
	}

	@Test
	void neverHasMoreRequestsInFlightThanTheGlobalCapAcrossHosts() throws Exception {
		var first = server();
		var second = server();
		var inFirst = new AtomicInteger();
		var most = new AtomicInteger();
		var dispatcher = slowDispatcher(inFirst, most);
		first.setDispatcher(dispatcher);
		second.setDispatcher(dispatcher);
		var client = client((settings) -> {
			settings.maxConcurrentRequests = 2;
			settings.maxRequestsPerHost = 4;
		});

		getInParallel(client, 6, (i) -> url((i % 2 == 0) ? first : second, "/" + i));

		assertThat(most.get()).isEqualTo(2);
	}

	@Test
	void retriesAServerErrorAndReturnsTheSuccessThatFollows() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(500).build());
		server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

		var result = client().get(HttpGet.of(Platform.YOUTUBE, url(server, "/feeds/videos.xml")));

		assertThat(result.status()).isEqualTo(200);
		assertThat(result.attempts()).isEqualTo(2);
		assertThat(sleeps).singleElement().satisfies((sleep) -> assertThat(sleep).isLessThanOrEqualTo(ms(10)));
		assertThat(meters.get("vigia.http.retries").tag("platform", "youtube").tag("reason", "500").counter().count())
			.isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 410, 451 })
	void returnsAClientErrorAtOnce(int status) throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(status).body("{\"error\":\"Record not found\"}").build());

		var result = client().get(HttpGet.of(Platform.MASTODON, url(server, "/api/v1/accounts/lookup")));

		assertThat(result.status()).isEqualTo(status);
		assertThat(result.text()).contains("Record not found");
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void returnsTheLastServerErrorWhenTheRetriesRunOut() throws Exception {
		var server = server();
		for (var status : new int[] { 502, 504, 503 }) {
			server.enqueue(new MockResponse.Builder().code(status).body("busy").build());
		}

		var result = client().get(HttpGet.of(Platform.BLUESKY, url(server, "/xrpc/app.bsky.actor.getProfile")));

		assertThat(result.status()).isEqualTo(503);
		assertThat(result.text()).isEqualTo("busy");
		assertThat(result.attempts()).isEqualTo(3);
		// Full jitter: each wait anywhere up to the base delay doubled once more per retry.
		assertThat(sleeps).hasSize(2);
		assertThat(sleeps.get(0)).isLessThanOrEqualTo(ms(10));
		assertThat(sleeps.get(1)).isLessThanOrEqualTo(ms(20));
	}

	@Test
	void retriesARefusedConnectionAndThenReportsIt() throws Exception {
		int port;
		try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
		}

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client().get(HttpGet.of(Platform.FEED, "http://127.0.0.1:" + port + "/feed")))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.CONNECTION);
				assertThat(failure.attempts()).isEqualTo(3);
			});
	}

	@Test
	void retriesATimeoutOnlyOnce() throws Exception {
		var server = server();
		for (int i = 0; i < 3; i++) {
			server.enqueue(new MockResponse.Builder().code(200).headersDelay(1, TimeUnit.SECONDS).build());
		}
		var client = client((settings) -> settings.readTimeout = ms(200));

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.get(HttpGet.of(Platform.FEED, url(server, "/slow"))))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
				assertThat(failure.attempts()).isEqualTo(2);
			});
	}

	@Test
	void spendsOneCallTimeoutOnARequestAndItsRedirects() throws Exception {
		var server = server();
		for (int i = 0; i < 2; i++) {
			server.enqueue(new MockResponse.Builder().code(302)
				.addHeader("Location", url(server, "/next"))
				.headersDelay(300, TimeUnit.MILLISECONDS)
				.build());
			server.enqueue(new MockResponse.Builder().code(200).headersDelay(300, TimeUnit.MILLISECONDS).build());
		}
		var client = client((settings) -> settings.callTimeout = ms(450));

		// The timeout spent the whole call timeout: no time is left to ask again.
		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.get(HttpGet.of(Platform.FEED, url(server, "/start"))))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
				assertThat(failure.attempts()).isEqualTo(2);
			});
	}

	@Test
	void spendsOneCallTimeoutOnARequestAndAllItsRetries() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(503).headersDelay(600, TimeUnit.MILLISECONDS).build());
		for (int i = 0; i < 2; i++) {
			server.enqueue(new MockResponse.Builder().code(200).body("<rss/>").headersDelay(2, TimeUnit.SECONDS).build());
		}
		var client = client((settings) -> settings.callTimeout = ms(1000));

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.get(HttpGet.of(Platform.FEED, url(server, "/feed"))))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
				assertThat(failure.getMessage()).startsWith("timed out");
				assertThat(failure.attempts()).isEqualTo(2);
			});
		assertThat(server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void stopsReadingABodyThatTricklesInWhenTheCallTimeoutRunsOutAndDoesNotAskAgain() throws Exception {
		var server = server();
		for (int i = 0; i < 3; i++) {
			server.enqueue(new MockResponse.Builder().code(200)
				.body("<rss>" + "x".repeat(100) + "</rss>")
				.throttleBody(1, 100, TimeUnit.MILLISECONDS)
				.build());
		}
		var client = client((settings) -> settings.callTimeout = ms(700));

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.get(HttpGet.of(Platform.FEED, url(server, "/feed"))))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
				assertThat(failure.attempts()).isEqualTo(1);
			});
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void returnsA503ThatAsksForALongerWaitThanTheCallTimeoutLeaves() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").body("maintenance").build());
		server.enqueue(new MockResponse.Builder().code(200).build());
		var client = client((settings) -> settings.callTimeout = ms(500));

		var result = client.get(HttpGet.of(Platform.FEED, url(server, "/feed")));

		assertThat(result.status()).isEqualTo(503);
		assertThat(result.text()).isEqualTo("maintenance");
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(sleeps).isEmpty();
	}

	@Test
	void countsRateLimitWaitsBetweenAttemptsAgainstTheCallTimeout() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
		server.enqueue(new MockResponse.Builder().code(200).build());
		var client = client((settings) -> settings.callTimeout = ms(1500));

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.get(HttpGet.of(Platform.BLUESKY, url(server, "/xrpc/app.bsky.feed.getAuthorFeed"))))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.RATE_LIMITED);
				assertThat(failure.retryAt()).isEqualTo(NOW.plusSeconds(2));
				assertThat(failure.attempts()).isEqualTo(1);
			});
		assertThat(sleeps).isEmpty();
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void countsBackoffsAgainstTheCallTimeout() throws Exception {
		var server = server();
		for (int i = 0; i < 3; i++) {
			server.enqueue(new MockResponse.Builder().code(500).build());
		}
		var client = client((settings) -> {
			settings.callTimeout = ms(1000);
			settings.retryBaseDelay = Duration.ofSeconds(10);
		});

		var result = client.get(HttpGet.of(Platform.FEED, url(server, "/feed")));

		assertThat(result.status()).isEqualTo(500);
		assertThat(sleeps).allSatisfy((sleep) -> assertThat(sleep).isLessThanOrEqualTo(ms(1000)));
		assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(ms(1000));
	}

	@Test
	void doesNotSpendTheCallTimeoutWhileQueuedForABusyHost() throws Exception {
		var server = server();
		countInFlight(server);
		var client = client((settings) -> {
			settings.maxRequestsPerHost = 1;
			settings.callTimeout = ms(400);
		});

		var results = getInParallel(client, 4, (i) -> url(server, "/" + i));

		assertThat(results).extracting(HttpResult::attempts).containsOnly(1);
	}

	@Test
	void waitsOutA429ThatSaysRetryAfterSeconds() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
		server.enqueue(new MockResponse.Builder().code(200).build());

		var result = client().get(HttpGet.of(Platform.BLUESKY, url(server, "/xrpc/app.bsky.feed.getAuthorFeed")));

		assertThat(result.status()).isEqualTo(200);
		assertThat(result.attempts()).isEqualTo(2);
		assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void waitsOutA429ThatSaysRetryAfterAnHttpDate() throws Exception {
		var server = server();
		var date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(2).atOffset(ZoneOffset.UTC));
		server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", date).build());
		server.enqueue(new MockResponse.Builder().code(200).build());

		var result = client().get(HttpGet.of(Platform.FEED, url(server, "/feed")));

		assertThat(result.status()).isEqualTo(200);
		assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void waitsUntilMastodonsResetAfterA429WithoutRetryAfter() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(429)
			.addHeader("X-RateLimit-Limit", "300")
			.addHeader("X-RateLimit-Remaining", "0")
			.addHeader("X-RateLimit-Reset", "2026-11-29T08:00:01.500Z")
			.build());
		server.enqueue(new MockResponse.Builder().code(200).build());

		var result = client().get(HttpGet.of(Platform.MASTODON, url(server, "/api/v1/accounts/lookup")));

		assertThat(result.status()).isEqualTo(200);
		assertThat(sleeps).containsExactly(ms(1500));
	}

	@Test
	void backsOffAfterA429ThatGivesNoHintAtAll() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(429).build());
		server.enqueue(new MockResponse.Builder().code(200).build());

		var result = client().get(HttpGet.of(Platform.FEED, url(server, "/feed")));

		assertThat(result.attempts()).isEqualTo(2);
		assertThat(sleeps).singleElement().satisfies((sleep) -> assertThat(sleep).isLessThanOrEqualTo(ms(10)));
	}

	@Test
	void failsRateLimitedWhenA429AsksForALongerWaitAndSendsNothingMoreUntilThen() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
		var client = client();
		var feed = HttpGet.of(Platform.FEED, url(server, "/feed"));

		assertThatExceptionOfType(HttpFailure.class).isThrownBy(() -> client.get(feed)).satisfies((failure) -> {
			assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.RATE_LIMITED);
			assertThat(failure.retryAt()).isEqualTo(NOW.plusSeconds(3600));
			assertThat(failure.attempts()).isEqualTo(1);
		});
		assertThatExceptionOfType(HttpFailure.class).isThrownBy(() -> client.get(feed)).satisfies((failure) -> {
			assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.RATE_LIMITED);
			assertThat(failure.retryAt()).isEqualTo(NOW.plusSeconds(3600));
			assertThat(failure.attempts()).isZero();
		});
		assertThat(server.getRequestCount()).isEqualTo(1);
		assertThat(sleeps).isEmpty();
	}

	@Test
	void failsRateLimitedWhenA429KeepsComingAfterTheRetries() throws Exception {
		var server = server();
		for (int i = 0; i < 3; i++) {
			server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
		}

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client().get(HttpGet.of(Platform.FEED, url(server, "/feed"))))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.RATE_LIMITED);
				assertThat(failure.attempts()).isEqualTo(3);
				assertThat(failure.retryAt()).isEqualTo(NOW.plusSeconds(3));
			});
	}

	@Test
	void honoursRetryAfterOnA503() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "2").build());
		server.enqueue(new MockResponse.Builder().code(200).build());

		var result = client().get(HttpGet.of(Platform.FEED, url(server, "/feed")));

		assertThat(result.status()).isEqualTo(200);
		assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
	}

	@ParameterizedTest(name = "{0}: {1} / {2}: {3}")
	@CsvSource(delimiter = '|', textBlock = """
			X-RateLimit-Remaining | 0 | X-RateLimit-Reset | 2026-11-29T08:00:01.500Z | 1500
			X-RateLimit-Remaining | 0 | X-RateLimit-Reset | 2026-11-29T09:00:01+01:00 | 1000
			RateLimit-Remaining   | 0 | RateLimit-Reset   | 1795939201                | 1000
			RateLimit-Remaining   | 0 | RateLimit-Reset   | 2                         | 2000
			""")
	void waitsForTheResetBeforeTheNextRequestOnceNothingRemains(String remainingHeader, String remaining,
			String resetHeader, String reset, long waitMillis) throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader(remainingHeader, remaining)
			.addHeader(resetHeader, reset)
			.build());
		server.enqueue(new MockResponse.Builder().code(200).build());
		var client = client();

		client.get(HttpGet.of(Platform.BLUESKY, url(server, "/first")));
		assertThat(sleeps).isEmpty();
		client.get(HttpGet.of(Platform.BLUESKY, url(server, "/second")));

		assertThat(sleeps).containsExactly(ms(waitMillis));
	}

	@Test
	void doesNotWaitWhileRequestsRemain() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("X-RateLimit-Remaining", "299")
			.addHeader("X-RateLimit-Reset", "2026-11-29T08:05:00.000Z")
			.build());
		server.enqueue(new MockResponse.Builder().code(200).build());
		var client = client();

		client.get(HttpGet.of(Platform.MASTODON, url(server, "/first")));
		client.get(HttpGet.of(Platform.MASTODON, url(server, "/second")));

		assertThat(sleeps).isEmpty();
	}

	@Test
	void failsFastWithoutSendingWhenTheResetIsFurtherAwayThanTheLongestWait() throws Exception {
		var server = server();
		var other = server();
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("X-RateLimit-Remaining", "0")
			.addHeader("X-RateLimit-Reset", "2026-11-29T08:05:00.000Z")
			.build());
		other.enqueue(new MockResponse.Builder().code(200).build());
		var client = client();
		client.get(HttpGet.of(Platform.MASTODON, url(server, "/first")));

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.get(HttpGet.of(Platform.MASTODON, url(server, "/second"))))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.RATE_LIMITED);
				assertThat(failure.retryAt()).isEqualTo(Instant.parse("2026-11-29T08:05:00Z"));
			});
		assertThat(server.getRequestCount()).isEqualTo(1);
		assertThat(client.get(HttpGet.of(Platform.MASTODON, url(other, "/elsewhere"))).status()).isEqualTo(200);
	}

	@Test
	void recordsEachRequestByPlatformAndOutcome() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(500).build());
		server.enqueue(new MockResponse.Builder().code(200).build());
		server.enqueue(new MockResponse.Builder().code(404).build());
		var client = client();

		client.get(HttpGet.of(Platform.MASTODON, url(server, "/a")));
		client.get(HttpGet.of(Platform.MASTODON, url(server, "/b")));
		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> guarded(server).get(HttpGet.of(Platform.BLUESKY, "http://169.254.169.254/")));

		assertThat(timerCount("mastodon", "2xx")).isEqualTo(1);
		assertThat(timerCount("mastodon", "4xx")).isEqualTo(1);
		assertThat(timerCount("bluesky", "BLOCKED_ADDRESS")).isEqualTo(1);
		assertThat(meters.get("vigia.http.retries").tag("platform", "mastodon").counter().count()).isEqualTo(1);
	}

	@Test
	void asASpringBeanBindsItsDefaultsAndReportsToTheApplicationsMeterRegistry() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200).build());

		wiring().withPropertyValues("vigia.http.allow-private-addresses=true").run((context) -> {
			assertThat(context).hasNotFailed();
			var properties = context.getBean(HttpProperties.class);
			assertThat(properties.maxResponseSize()).isEqualTo(DataSize.ofMegabytes(5));
			assertThat(properties.retryBaseDelay()).isEqualTo(ms(500));
			assertThat(properties.maxRequestsPerHost()).isEqualTo(4);

			context.getBean(PlatformHttpClient.class).get(HttpGet.of(Platform.FEED, url(server, "/feed")));

			assertThat(context.getBean(MeterRegistry.class)
				.get("vigia.http.requests")
				.tag("platform", "feed")
				.tag("outcome", "2xx")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void aNegativeDurationStopsStartUpNamingTheProperty() {
		wiring().withPropertyValues("vigia.http.retry-base-delay=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("vigia.http.retry-base-delay");
		});
	}

	@Test
	void postsFormFieldsUrlEncodedAndReturnsTheAnswer() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"access_token\":\"t\"}")
			.build());
		var fields = new java.util.LinkedHashMap<String, String>();
		fields.put("grant_type", "authorization_code");
		fields.put("redirect_uri", "https://vigia.example.org/connections/callback?x=1&y=2");
		fields.put("code", "a b+c");

		var result = client().post(HttpPost.form(Platform.FACEBOOK, url(server, "/oauth/token"), fields)
			.header("Authorization", "Basic abc"));

		assertThat(result.text()).isEqualTo("{\"access_token\":\"t\"}");
		var request = server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic abc");
		assertThat(request.getHeaders().get("User-Agent")).startsWith("Vigia/");
		assertThat(request.getBody().utf8()).isEqualTo("grant_type=authorization_code"
				+ "&redirect_uri=https%3A%2F%2Fvigia.example.org%2Fconnections%2Fcallback%3Fx%3D1%26y%3D2"
				+ "&code=a+b%2Bc");
	}

	@Test
	void postsJsonAndSendsADeleteWithoutABody() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(201).build());
		server.enqueue(new MockResponse.Builder().code(200).body("{\"success\":true}").build());
		var client = client();

		client.post(HttpPost.json(Platform.FACEBOOK, url(server, "/v1/items"), "{\"a\":\"ñ\"}"));
		var deleted = client.delete(Platform.FACEBOOK, url(server, "/me/permissions?access_token=x"));

		var posted = server.takeRequest();
		assertThat(posted.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
		assertThat(posted.getBody().utf8()).isEqualTo("{\"a\":\"ñ\"}");
		var delete = server.takeRequest();
		assertThat(delete.getMethod()).isEqualTo("DELETE");
		assertThat(delete.getBodySize()).isZero();
		assertThat(deleted.text()).isEqualTo("{\"success\":true}");
	}

	@Test
	void refusesAPostToAPrivateAddressWithoutSendingIt() throws Exception {
		var server = server();

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> guarded(server).post(HttpPost.form(Platform.FACEBOOK,
					"http://localhost:" + server.getPort() + "/oauth/access_token",
					java.util.Map.of("client_secret", "s3cret"))))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BLOCKED_ADDRESS);
				assertThat(failure.attempts()).isZero();
			})
			.withMessageNotContaining("s3cret");
		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> guarded(server)
				.post(HttpPost.form(Platform.FACEBOOK, "http://10.0.0.1/token", java.util.Map.of("a", "b"))))
			.satisfies((failure) -> assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BLOCKED_ADDRESS));
		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> guarded(server).delete(Platform.FACEBOOK, "http://169.254.169.254/me/permissions"))
			.satisfies((failure) -> assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BLOCKED_ADDRESS));
		assertThat(server.getRequestCount()).isZero();
		assertThat(timerCount("facebook", "BLOCKED_ADDRESS")).isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(ints = { 302, 307 })
	void refusesAPostRedirectedToAPrivateAddress(int status) throws Exception {
		var server = server();
		var internal = server();
		server.enqueue(new MockResponse.Builder().code(status)
			.addHeader("Location", url(internal, "/admin"))
			.build());

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> guarded(server)
				.post(HttpPost.form(Platform.THREADS, url(server, "/oauth/access_token"), java.util.Map.of("a", "b"))))
			.satisfies((failure) -> {
				assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.BLOCKED_ADDRESS);
				assertThat(failure.attempts()).isEqualTo(1);
			});
		assertThat(internal.getRequestCount()).isZero();
	}

	@Test
	void followsA307WithTheBodyAndA303AsAGetWithoutCredentialsElsewhere() throws Exception {
		var first = server();
		var second = server();
		first.enqueue(new MockResponse.Builder().code(307).addHeader("Location", url(first, "/again")).build());
		first.enqueue(new MockResponse.Builder().code(303).addHeader("Location", url(second, "/done")).build());
		second.enqueue(new MockResponse.Builder().code(200).body("done").build());

		var result = client().post(HttpPost.form(Platform.FACEBOOK, url(first, "/token"), java.util.Map.of("a", "b"))
			.header("Authorization", "Bearer secret"));

		assertThat(result.text()).isEqualTo("done");
		assertThat(result.attempts()).isEqualTo(3);
		first.takeRequest();
		var kept = first.takeRequest();
		assertThat(kept.getMethod()).isEqualTo("POST");
		assertThat(kept.getBody().utf8()).isEqualTo("a=b");
		var switched = second.takeRequest();
		assertThat(switched.getMethod()).isEqualTo("GET");
		assertThat(switched.getHeaders().get("Authorization")).isNull();
	}

	@Test
	void returnsAPostsRedirectItselfWhenAskedNotToFollowIt() throws Exception {
		var server = server();
		server.enqueue(redirect("https://example.org/elsewhere"));

		var result = client()
			.post(HttpPost.form(Platform.FACEBOOK, url(server, "/token"), java.util.Map.of()).withoutRedirects());

		assertThat(result.status()).isEqualTo(302);
	}

	@Test
	void holdsTheSizeCapOnTheAnswerToAPost() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200)
			.body(new Buffer().write(new byte[4096]))
			.removeHeader("Content-Length")
			.build());
		server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[2049])).build());
		var client = client((settings) -> settings.maxResponseSize = DataSize.ofBytes(3000));

		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.post(HttpPost.json(Platform.FACEBOOK, url(server, "/a"), "{}")))
			.satisfies((failure) -> assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE))
			.withMessageContaining("3000 bytes");
		assertThatExceptionOfType(HttpFailure.class)
			.isThrownBy(() -> client.post(HttpPost.json(Platform.FACEBOOK, url(server, "/b"), "{}").limit(2048)))
			.satisfies((failure) -> assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE))
			.withMessageContaining("2048 bytes");
	}

	@Test
	void neverSendsAPostTwiceAfterAServerErrorButDoesAfterA429() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(500).build());
		server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
		server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
		var client = client();

		var failed = client.post(HttpPost.form(Platform.FACEBOOK, url(server, "/token"), java.util.Map.of()));
		var retried = client.post(HttpPost.form(Platform.FACEBOOK, url(server, "/token"), java.util.Map.of()));

		assertThat(failed.status()).isEqualTo(500);
		assertThat(retried.text()).isEqualTo("ok");
		assertThat(server.getRequestCount()).isEqualTo(3);
		assertThat(timerCount("facebook", "5xx")).isEqualTo(1);
		assertThat(timerCount("facebook", "2xx")).isEqualTo(1);
	}

	@Test
	void neverPrintsThePostsBody() {
		var post = HttpPost.form(Platform.FACEBOOK, "https://graph.facebook.com/oauth/access_token?client_secret=q",
				java.util.Map.of("client_secret", "s3cret"));

		assertThat(post.toString()).doesNotContain("s3cret").doesNotContain("client_secret=q");
	}

	private MockWebServer server() throws IOException {
		var server = new MockWebServer();
		// An IP literal, so that the guard's exemption for tests matches it exactly.
		server.start(InetAddress.getByName("127.0.0.1"), 0);
		servers.add(server);
		return server;
	}

	private static String url(MockWebServer server, String path) {
		return "http://127.0.0.1:" + server.getPort() + path;
	}

	private PlatformHttpClient client() {
		return client((settings) -> {
		});
	}

	private PlatformHttpClient client(Consumer<Settings> customizer) {
		var settings = new Settings();
		customizer.accept(settings);
		return new PlatformHttpClient(settings.properties(), meters, clock, this::sleep, Dns.SYSTEM, Set.of());
	}

	/** The guard on, with only this server's own endpoint let through. */
	private PlatformHttpClient guarded(MockWebServer server) {
		return guarded(server, Dns.SYSTEM);
	}

	private PlatformHttpClient guarded(MockWebServer server, Dns resolver) {
		var settings = new Settings();
		settings.allowPrivateAddresses = false;
		return new PlatformHttpClient(settings.properties(), meters, clock, this::sleep, resolver,
				Set.of(new InetSocketAddress("127.0.0.1", server.getPort())));
	}

	/** A DNS that knows one name, whatever the network's DNS says. */
	private static Dns resolving(String name, String... addresses) {
		return (host) -> {
			if (!host.equals(name)) {
				return Dns.SYSTEM.lookup(host);
			}
			var resolved = new ArrayList<InetAddress>();
			for (var address : addresses) {
				resolved.add(InetAddress.getByName(address));
			}
			return resolved;
		};
	}

	private void sleep(Duration duration) {
		sleeps.add(duration);
		clock.advance(duration);
	}

	private double timerCount(String platform, String outcome) {
		return meters.get("vigia.http.requests").tag("platform", platform).tag("outcome", outcome).timer().count();
	}

	private static ApplicationContextRunner wiring() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
			.withUserConfiguration(Wiring.class);
	}

	private static MockResponse redirect(String location) {
		return new MockResponse.Builder().code(302).addHeader("Location", location).build();
	}

	private static Duration ms(long millis) {
		return Duration.ofMillis(millis);
	}

	private static byte[] gzip(byte[] bytes) throws IOException {
		var compressed = new ByteArrayOutputStream();
		try (var out = new GZIPOutputStream(compressed)) {
			out.write(bytes);
		}
		return compressed.toByteArray();
	}

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	/** The most requests the server had in hand at once; each takes a while to answer. */
	private static AtomicInteger countInFlight(MockWebServer server) {
		var most = new AtomicInteger();
		server.setDispatcher(slowDispatcher(new AtomicInteger(), most));
		return most;
	}

	private static Dispatcher slowDispatcher(AtomicInteger inFlight, AtomicInteger most) {
		return new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				try {
					Thread.sleep(150);
					return new MockResponse.Builder().code(200).body("ok").build();
				}
				finally {
					inFlight.decrementAndGet();
				}
			}

		};
	}

	private static List<HttpResult> getInParallel(PlatformHttpClient client, int requests, IntFunction<String> url)
			throws Exception {
		try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
			var futures = new ArrayList<Future<HttpResult>>();
			for (int i = 0; i < requests; i++) {
				var get = HttpGet.of(Platform.MASTODON, url.apply(i));
				futures.add(threads.submit(() -> client.get(get)));
			}
			var results = new ArrayList<HttpResult>();
			for (var future : futures) {
				var result = future.get(10, TimeUnit.SECONDS);
				assertThat(result.status()).isEqualTo(200);
				results.add(result);
			}
			return results;
		}
	}

	/** The local-test properties, changed field by field. */
	private static final class Settings {

		boolean allowPrivateAddresses = true;

		int maxConcurrentRequests = 64;

		int maxRequestsPerHost = 4;

		Duration readTimeout = Duration.ofSeconds(2);

		Duration callTimeout = Duration.ofSeconds(5);

		DataSize maxResponseSize = DataSize.ofMegabytes(5);

		int maxRedirects = 3;

		Duration retryBaseDelay = HttpProperties.forLocalTests().retryBaseDelay();

		HttpProperties properties() {
			var local = HttpProperties.forLocalTests();
			return new HttpProperties(allowPrivateAddresses, maxConcurrentRequests, maxRequestsPerHost,
					local.connectTimeout(), readTimeout, callTimeout, maxResponseSize, maxRedirects,
					local.maxRetries(), local.maxRateLimitWait(), local.contactUrl(), retryBaseDelay);
		}

	}

	/** A clock the test moves, as the client's waits do. */
	private static final class ManualClock extends Clock {

		private final AtomicReference<Instant> now;

		ManualClock(Instant start) {
			this.now = new AtomicReference<>(start);
		}

		void advance(Duration duration) {
			now.updateAndGet((instant) -> instant.plus(duration));
		}

		@Override
		public Instant instant() {
			return now.get();
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

	/** A body of the given size, written as fast as the client reads it, counting what got out. */
	private static final class EndlessBody implements MockResponseBody {

		private final long size;

		final AtomicLong written = new AtomicLong();

		final CompletableFuture<Void> finished = new CompletableFuture<>();

		EndlessBody(long size) {
			this.size = size;
		}

		@Override
		public long getContentLength() {
			return size;
		}

		@Override
		public void writeTo(BufferedSink sink) throws IOException {
			var chunk = new byte[64 * 1024];
			try {
				while (written.get() < size) {
					sink.write(chunk);
					sink.emit();
					written.addAndGet(chunk.length);
				}
			}
			finally {
				finished.complete(null);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(HttpProperties.class)
	@Import(PlatformHttpClient.class)
	static class Wiring {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

}
