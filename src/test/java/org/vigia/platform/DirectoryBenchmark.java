package org.vigia.platform;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

import org.vigia.platform.adapter.Routes;
import org.vigia.platform.bluesky.BlueskyLookalikes;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.mastodon.MastodonLookalikes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What look-alike searches cost Vigía itself, the network left out: full pages (100 Bluesky actors, 40 Mastodon
 * accounts) from a local server, searched bench.searches times each (default 2,000, after 200 warm-up searches),
 * with p50, p95 and accounts mapped per second; then how much of a 50 MB avatar the client reads and the server sends
 * before the directory's byte limit (1 MB) stops it. Not part of the test run: {@code bench/directory.sh}.
 */
class DirectoryBenchmark {

	private static final int SEARCHES = Integer.getInteger("bench.searches", 2000);

	@StartStop
	private final MockWebServer server = new MockWebServer();

	@Test
	void searchesAndAvatarCap() throws Exception {
		var bluesky = page(new Routes("bluesky").read("search-actors.json"), "\"actors\": [", 100, 4);
		var mastodon = page(
				new Routes("mastodon").read("search-accounts.json").replace("${server}", "https://m.example"),
				"\"accounts\": [", 40, 5);
		var avatar = new Endless(50L * 1024 * 1024);
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				var path = request.getUrl().encodedPath();
				if (path.endsWith("searchActors")) {
					return Routes.json(200, bluesky);
				}
				if (path.endsWith("/api/v2/search")) {
					return Routes.json(200, mastodon);
				}
				return new MockResponse.Builder().code(200).addHeader("Content-Type", "image/png").body(avatar).build();
			}
		});
		var http = new PlatformHttpClient(HttpProperties.forLocalTests(), new SimpleMeterRegistry(), Clock.systemUTC());
		var clock = Clock.systemUTC();
		var base = server.url("/").uri();
		var sources = List.<LookalikeSource>of(new BlueskyLookalikes(http, PlatformProperties.at(base), clock),
				new MastodonLookalikes(http, clock));
		var directory = new DefaultPlatformDirectory(sources, http);
		var mastodonServer = URI.create("http://" + server.url("/").host() + ":" + server.getPort());

		System.out.printf("%nDirectory benchmark: %d searches each after 200 warm-up, local server, no latency%n",
				SEARCHES);
		System.out.printf("  %-34s %8s %8s %10s %14s%n", "search", "p50 ms", "p95 ms", "accounts", "accounts/s");
		var query = "Ayuntamiento de Móstoles";
		measure("Bluesky searchActors, 100 actors",
				() -> count(directory.search(Platform.BLUESKY, query, null, 100)));
		measure("Mastodon v2 search, 40 accounts",
				() -> count(directory.search(Platform.MASTODON, query, mastodonServer, 40)));

		long allocated = allocatedBytes();
		long started = System.nanoTime();
		var bytes = directory.image(server.url("/avatar.png").toString(), 1024 * 1024);
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertThat(bytes).isNull();
		avatar.done.join();
		System.out.printf("  50 MB avatar, 1 MB limit: refused in %d ms; server sent %.1f MB before the hang-up; "
				+ "%.1f MB allocated while reading%n%n", millis, avatar.written.get() / 1e6,
				(allocatedBytes() - allocated) / 1e6);
	}

	private static int count(AccountSearch search) {
		assertThat(search.status()).isEqualTo(AccountSearch.Status.OK);
		return search.accounts().size();
	}

	private static void measure(String name, IntSupplier search) {
		for (int i = 0; i < 200; i++) {
			search.getAsInt();
		}
		var nanos = new long[SEARCHES];
		long accounts = 0;
		long total = System.nanoTime();
		for (int i = 0; i < SEARCHES; i++) {
			long started = System.nanoTime();
			accounts += search.getAsInt();
			nanos[i] = System.nanoTime() - started;
		}
		total = System.nanoTime() - total;
		Arrays.sort(nanos);
		System.out.printf("  %-34s %8.2f %8.2f %10d %14.0f%n", name, nanos[SEARCHES / 2] / 1e6,
				nanos[SEARCHES * 95 / 100] / 1e6, accounts / SEARCHES, accounts / (total / 1e9));
	}

	/** The fixture's entries repeated under new names until the page is full, as a busy search answers. */
	private static String page(String fixture, String arrayStart, int size, int distinct) {
		var start = fixture.indexOf(arrayStart) + arrayStart.length();
		int depth = 0;
		int end = start;
		for (; end < fixture.length(); end++) {
			char c = fixture.charAt(end);
			if (c == '[' || c == '{') {
				depth++;
			}
			else if (c == ']' || c == '}') {
				if (depth-- == 0) {
					break;
				}
			}
		}
		var entries = fixture.substring(start, end);
		var items = new StringBuilder();
		for (int i = 0; i * distinct < size; i++) {
			var copy = entries.replace("mostoles", "mostoles" + i);
			items.append((i == 0) ? "" : ",").append(copy);
		}
		return fixture.substring(0, start) + items + fixture.substring(end);
	}

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	private static final class Endless implements MockResponseBody {

		private final long size;

		final AtomicLong written = new AtomicLong();

		final java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();

		Endless(long size) {
			this.size = size;
		}

		@Override
		public long getContentLength() {
			return -1;
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
				done.complete(null);
			}
		}

	}

}
