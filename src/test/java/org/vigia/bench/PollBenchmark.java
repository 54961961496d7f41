package org.vigia.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.net.URLDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vigia.IntegrationTest;
import org.vigia.polling.PollRun;
import org.vigia.polling.PollRuns;
import org.vigia.registry.RegistryCsv;

/**
 * A full poll of N fake accounts per platform (feeds, Mastodon, Bluesky) through the real stack (Quartz, the HTTP
 * client, the adapters, PostgreSQL), served from a local server with a fixed latency on several loopback hosts (the
 * AppView on one, as Bluesky's is one service); prints the figures, requests per account per platform among them. Not part of the test
 * run (surefire picks up *Tests only): {@code bench/poll.sh} runs it, or
 * {@code ./mvnw test -Dtest=PollBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.accounts=10000}.
 */
@IntegrationTest
class PollBenchmark {

	static final int ACCOUNTS = Integer.getInteger("bench.accounts", 2_000);

	static final int LATENCY_MS = Integer.getInteger("bench.latencyMs", 50);

	static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);

	static final int PER_HOST = Integer.getInteger("bench.perHost", 4);

	static final int HOSTS = Integer.getInteger("bench.hosts", Math.max(1, CONCURRENCY / PER_HOST));

	static final boolean WARM_UP = Boolean.parseBoolean(System.getProperty("bench.warmUp", "true"));

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		registry.add("vigia.http.allow-private-addresses", () -> "true");
		registry.add("vigia.http.max-concurrent-requests", () -> CONCURRENCY);
		registry.add("vigia.http.max-requests-per-host", () -> PER_HOST);
		registry.add("logging.level.org.vigia", () -> "WARN");
		registry.add("logging.level.org.vigia.polling.PollingWarmUp", () -> "INFO");
		registry.add("logging.level.org.vigia.platform.PlatformWarmUp", () -> "INFO");
		// As a service starts: warmed up (-Dbench.warmUp=false for a cold start), its connection pool filled.
		registry.add("vigia.polling.warm-up", () -> WARM_UP);
		registry.add("spring.datasource.hikari.minimum-idle", () -> Integer.getInteger("bench.minIdle", 18));
	}

	@Autowired
	PollRuns runs;

	@Autowired
	RegistryCsv csv;

	@Autowired
	JdbcClient jdbc;

	static final List<String> PLATFORMS = List.of(System.getProperty("bench.platforms", "feed,mastodon,bluesky").split(","));

	/** Requests the fakes answered, by platform. */
	static final Map<String, AtomicLong> REQUESTS = new ConcurrentHashMap<>();

	static HttpServer server;

	static double firstPollSeconds;

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) throws IOException {
		// The JDK's server with TCP_NODELAY: a fake platform must not add Nagle's delay to every answer.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0), 1024);
		server.createContext("/", PollBenchmark::answer);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
		var appView = "http://127.0.0.1:" + server.getAddress().getPort();
		registry.add("vigia.platforms.bluesky.api-url", () -> appView);
	}

	@AfterAll
	static void stopFakes() {
		server.stop(0);
	}

	@Test
	void fullPollOfFakeAccounts() throws Exception {
		// All of 127.0.0.0/8 is loopback: one listening socket, many hosts for the per-host limits.
		register(server.getAddress().getPort());

		// The first poll meets a cold JVM and new accounts; the second is the steady state of a running service.
		poll("first poll: cold JVM, accounts never checked");
		poll("second poll: warm JVM, every account checked before");
		if (PLATFORMS.equals(List.of("mastodon"))) {
			plainClient();
		}
	}

	/**
	 * What a plain OkHttp client needs for the requests of the first Mastodon poll (a lookup, then the statuses, for
	 * every account) with the same caps: the yardstick of the first poll. It runs last, on a warm JVM and a warm fake,
	 * which only makes the yardstick stricter.
	 */
	private void plainClient() throws InterruptedException {
		var dispatcher = new okhttp3.Dispatcher(Executors.newVirtualThreadPerTaskExecutor());
		dispatcher.setMaxRequests(CONCURRENCY);
		dispatcher.setMaxRequestsPerHost(PER_HOST);
		var client = new okhttp3.OkHttpClient.Builder().dispatcher(dispatcher)
			.connectionPool(new okhttp3.ConnectionPool(CONCURRENCY, 5, TimeUnit.MINUTES))
			.build();
		int port = server.getAddress().getPort();
		var done = new java.util.concurrent.CountDownLatch(ACCOUNTS);
		long started = System.nanoTime();
		for (int i = 0; i < ACCOUNTS; i++) {
			var host = "http://127.0.0." + (1 + i % HOSTS) + ":" + port;
			var id = Integer.toString(i);
			client.newCall(new okhttp3.Request.Builder().url(host + "/api/v1/accounts/lookup?acct=m" + id).build())
				.enqueue(new okhttp3.Callback() {
					@Override
					public void onResponse(okhttp3.Call call, okhttp3.Response response) throws IOException {
						try (response) {
							response.body().string();
						}
						client.newCall(new okhttp3.Request.Builder()
							.url(host + "/api/v1/accounts/" + id + "/statuses?limit=20")
							.build()).enqueue(new okhttp3.Callback() {
								@Override
								public void onResponse(okhttp3.Call call, okhttp3.Response response) throws IOException {
									try (response) {
										response.body().string();
									}
									done.countDown();
								}

								@Override
								public void onFailure(okhttp3.Call call, IOException ex) {
									done.countDown();
								}
							});
					}

					@Override
					public void onFailure(okhttp3.Call call, IOException ex) {
						done.countDown();
					}
				});
		}
		done.await(5, TimeUnit.MINUTES);
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("""

				Poll benchmark, plain client
				  the first poll's requests  %d lookups and %d statuses with OkHttp alone, %d at a time (%d per host)
				  wall time                  %.2f s
				  first poll / plain client  %.2f
				""", ACCOUNTS, ACCOUNTS, CONCURRENCY, PER_HOST, seconds, firstPollSeconds / seconds);
		client.dispatcher().executorService().shutdown();
	}

	/** Feeds, Mastodon's lookup and statuses, and the AppView's profiles and author feeds, all alike. */
	private static void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			var path = exchange.getRequestURI().getRawPath();
			var query = exchange.getRequestURI().getRawQuery();
			String platform;
			String type = "application/json";
			String body;
			if (path.startsWith("/feeds/")) {
				platform = "feed";
				type = "application/rss+xml";
				body = RSS;
			}
			else if (path.startsWith("/api/v1/")) {
				platform = "mastodon";
				body = mastodon(exchange.getRequestURI().getAuthority(), path, query);
			}
			else {
				platform = "bluesky";
				body = bluesky(path, query);
			}
			REQUESTS.computeIfAbsent(platform, key -> new AtomicLong()).incrementAndGet();
			Thread.sleep(LATENCY_MS);
			var bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", type);
			if (platform.equals("feed")) {
				exchange.getResponseHeaders().add("ETag", "\"v1\"");
			}
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String mastodon(String authority, String path, String query) {
		String id;
		if (path.equals("/api/v1/accounts/lookup")) {
			id = query.substring(query.indexOf("acct=m") + 6);
			return mastodonAccount(authority, id);
		}
		id = path.substring("/api/v1/accounts/".length(), path.indexOf("/statuses"));
		return """
				[{"id": "1%1$s", "created_at": "2026-11-27T09:30:00.000Z", "in_reply_to_id": null,
				  "in_reply_to_account_id": null, "visibility": "public", "reblog": null,
				  "url": "http://%2$s/@m%1$s/1%1$s", "content": "<p>Pleno municipal</p>", "account": %3$s}]
				""".formatted(id, authority, mastodonAccount(authority, id));
	}

	private static String mastodonAccount(String authority, String id) {
		return """
				{"id": "%1$s", "username": "m%1$s", "acct": "m%1$s", "display_name": "Municipio %1$s",
				 "note": "<p>Cuenta oficial</p>", "url": "http://%2$s/@m%1$s", "avatar": "http://%2$s/avatars/original/missing.png",
				 "followers_count": 1200, "following_count": 12, "statuses_count": 340, "last_status_at": "2026-11-27",
				 "bot": false, "created_at": "2022-11-15T00:00:00.000Z", "fields": []}
				""".formatted(id, authority);
	}

	private static String bluesky(String path, String query) {
		var actors = new ArrayList<String>();
		for (var parameter : query.split("&")) {
			if (parameter.startsWith("actors=") || parameter.startsWith("actor=")) {
				actors.add(URLDecoder.decode(parameter.substring(parameter.indexOf('=') + 1), StandardCharsets.UTF_8));
			}
		}
		var numbers = actors.stream().map(actor -> actor.startsWith("did:plc:bench") ? actor.substring(13)
				: actor.substring(1, actor.indexOf('.'))).toList();
		return switch (path) {
			case "/xrpc/app.bsky.actor.getProfiles" ->
				"{\"profiles\": [" + String.join(",", numbers.stream().map(PollBenchmark::blueskyProfile).toList()) + "]}";
			case "/xrpc/app.bsky.actor.getProfile" -> blueskyProfile(numbers.getFirst());
			default -> """
					{"feed": [{"post": {"uri": "at://did:plc:bench%1$s/app.bsky.feed.post/3lnx3ysrdbk2c",
					  "author": {"did": "did:plc:bench%1$s", "handle": "b%1$s.bench.example"},
					  "record": {"$type": "app.bsky.feed.post", "text": "Pleno municipal", "createdAt": "2026-11-27T09:30:00.000Z"},
					  "indexedAt": "2026-11-27T09:30:01.000Z"}}]}
					""".formatted(numbers.getFirst());
		};
	}

	private static String blueskyProfile(String number) {
		return """
				{"did": "did:plc:bench%1$s", "handle": "b%1$s.bench.example", "displayName": "Municipio %1$s",
				 "description": "Cuenta oficial", "followersCount": 1200, "followsCount": 12, "postsCount": 340,
				 "indexedAt": "2024-11-20T09:12:01.523Z", "createdAt": "2023-04-12T10:00:00.000Z"}
				""".formatted(number);
	}

	private void poll(String label) throws Exception {
		var heap = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.toList();
		System.gc();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		long rowsBefore = rowsWritten();
		var requestsBefore = new HashMap<String, Long>();
		REQUESTS.forEach((platform, count) -> requestsBefore.put(platform, count.get()));
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long cpuBefore = os.getProcessCpuTime();
		long started = System.nanoTime();
		var run = runs.start(null);
		long lastReport = System.nanoTime();
		var progress = new StringBuilder();
		while (run.status() == PollRun.Status.RUNNING) {
			Thread.sleep(50);
			run = runs.get(run.id());
			if (System.nanoTime() - lastReport >= 1_000_000_000L) {
				lastReport = System.nanoTime();
				progress.append(' ').append(run.checked());
			}
		}
		var wall = Duration.ofNanos(System.nanoTime() - started);
		long cpu = os.getProcessCpuTime() - cpuBefore;
		long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
		var perPlatform = new StringBuilder();
		long sent = 0;
		for (var platform : PLATFORMS) {
			long count = REQUESTS.getOrDefault(platform, new AtomicLong()).get() - requestsBefore.getOrDefault(platform, 0L);
			sent += count;
			perPlatform.append(String.format("%n  requests / account, %-9s %.2f (%d accounts)", platform,
					count / (double) ACCOUNTS, ACCOUNTS));
		}
		Thread.sleep(1500); // PostgreSQL publishes table statistics with a short delay
		long rows = rowsWritten() - rowsBefore;

		assertThat(run.status()).isEqualTo(PollRun.Status.COMPLETED);
		int total = ACCOUNTS * PLATFORMS.size();
		assertThat(run.checked()).isEqualTo(total);
		double seconds = wall.toNanos() / 1e9;
		if (firstPollSeconds == 0) {
			firstPollSeconds = seconds;
		}
		double rate = total / seconds;
		double ideal = CONCURRENCY / (LATENCY_MS / 1000.0);
		System.out.printf("""

				Poll benchmark, %s
				  accounts                 %d (%s; feeds and Mastodon on %d loopback hosts, %d ms latency)
				  concurrency              %d (%d per host)
				  wall time                %.2f s
				  accounts per second      %.0f
				  ideal (concurrency/lat.) %.0f accounts per second, %.2f s
				  achieved / ideal         %.2f (time %.2fx the ideal)
				  HTTP requests / account  %.2f
				  peak heap                %d MB
				  rows written / account   %.2f
				  failed checks            %d
				  CPU of this JVM          %.2f ms per account (fake server included), %.0f%% of %d cores
				  checked, second by second%s%s
				""", label, total, String.join(", ", PLATFORMS), HOSTS, LATENCY_MS, CONCURRENCY, PER_HOST, seconds, rate, ideal, total / ideal,
				rate / ideal, seconds / (total / ideal), sent / (double) total, peakHeap / (1024 * 1024),
				rows / (double) total, run.failed(), cpu / 1e6 / total,
				100.0 * cpu / wall.toNanos() / os.getAvailableProcessors(), os.getAvailableProcessors(), progress, perPlatform);
	}

	private void register(int port) {
		jdbc.sql("truncate account, unit, organization, poll_run restart identity cascade").update();
		var file = new StringBuilder("organization,platform,handle,url\n");
		for (int i = 0; i < ACCOUNTS; i++) {
			var host = "127.0.0." + (1 + i % HOSTS) + ":" + port;
			if (PLATFORMS.contains("feed")) {
				file.append("Municipio ").append(i % 100).append(",feed,,http://").append(host).append("/feeds/").append(i)
					.append(".xml\n");
			}
			if (PLATFORMS.contains("mastodon")) {
				file.append("Municipio ").append(i % 100).append(",mastodon,,http://").append(host).append("/@m").append(i)
					.append('\n');
			}
			if (PLATFORMS.contains("bluesky")) {
				file.append("Municipio ").append(i % 100).append(",bluesky,b").append(i).append(".bench.example,\n");
			}
		}
		csv.importCsv(file.toString().getBytes(StandardCharsets.UTF_8), false);
	}

	private long rowsWritten() {
		return jdbc.sql("""
				select coalesce(sum(n_tup_ins + n_tup_upd), 0) from pg_stat_user_tables
				where relname in ('account_check', 'account_state', 'profile_snapshot', 'poll_run', 'poll_run_account')
				""").query(Long.class).single();
	}

	private static final String RSS = """
			<?xml version="1.0" encoding="UTF-8"?>
			<rss version="2.0"><channel><title>Ayuntamiento</title><link>https://ayuntamiento.example.es/</link>
			<description>Noticias municipales</description>
			<item><title>Pleno municipal</title><link>https://ayuntamiento.example.es/pleno</link>
			<pubDate>Fri, 27 Nov 2026 09:30:00 GMT</pubDate></item>
			</channel></rss>
			""";


}
