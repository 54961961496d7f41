package org.vigia.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
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
 * A full poll of N fake feed accounts through the real stack (Quartz, the HTTP client, the feed adapter, PostgreSQL),
 * served from a local server with a fixed latency on several loopback hosts; prints the figures. Not part of the test
 * run (surefire picks up *Tests only): {@code bench/poll.sh} runs it, or
 * {@code ./mvnw test -Dtest=PollBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.accounts=10000}.
 */
@IntegrationTest
class PollBenchmark {

	static final int ACCOUNTS = Integer.getInteger("bench.accounts", 10_000);

	static final int LATENCY_MS = Integer.getInteger("bench.latencyMs", 50);

	static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);

	static final int PER_HOST = Integer.getInteger("bench.perHost", 4);

	static final int HOSTS = Integer.getInteger("bench.hosts", Math.max(1, CONCURRENCY / PER_HOST));

	@DynamicPropertySource
	static void stack(DynamicPropertyRegistry registry) {
		registry.add("vigia.http.allow-private-addresses", () -> "true");
		registry.add("vigia.http.max-concurrent-requests", () -> CONCURRENCY);
		registry.add("vigia.http.max-requests-per-host", () -> PER_HOST);
		registry.add("logging.level.org.vigia", () -> "WARN");
	}

	@Autowired
	PollRuns runs;

	@Autowired
	RegistryCsv csv;

	@Autowired
	JdbcClient jdbc;

	@Test
	void fullPollOfFakeFeeds() throws Exception {
		var requests = new AtomicLong();
		// The JDK's server with TCP_NODELAY: a fake platform must not add Nagle's delay to every answer.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		var server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0), 1024);
		var body = RSS.getBytes(StandardCharsets.UTF_8);
		server.createContext("/", exchange -> {
			try (exchange) {
				requests.incrementAndGet();
				Thread.sleep(LATENCY_MS);
				exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
				exchange.getResponseHeaders().add("ETag", "\"v1\"");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
		try {
			// All of 127.0.0.0/8 is loopback: one listening socket, many hosts for the per-host limits.
			register(server.getAddress().getPort());

			// The first poll meets a cold JVM and new accounts; the second is the steady state of a running service.
			poll("first poll: cold JVM, accounts never checked", requests);
			poll("second poll: warm JVM, every account checked before", requests);
		}
		finally {
			server.stop(0);
		}
	}

	private void poll(String label, AtomicLong requests) throws Exception {
		var heap = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.toList();
		System.gc();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		long rowsBefore = rowsWritten();
		long requestsBefore = requests.get();
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
		long sent = requests.get() - requestsBefore;
		Thread.sleep(1500); // PostgreSQL publishes table statistics with a short delay
		long rows = rowsWritten() - rowsBefore;

		assertThat(run.status()).isEqualTo(PollRun.Status.COMPLETED);
		assertThat(run.checked()).isEqualTo(ACCOUNTS);
		double seconds = wall.toNanos() / 1e9;
		double rate = ACCOUNTS / seconds;
		double ideal = CONCURRENCY / (LATENCY_MS / 1000.0);
		System.out.printf("""

				Poll benchmark, %s
				  accounts                 %d (feeds on %d loopback hosts, %d ms latency)
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
				  checked, second by second%s
				""", label, ACCOUNTS, HOSTS, LATENCY_MS, CONCURRENCY, PER_HOST, seconds, rate, ideal, ACCOUNTS / ideal,
				rate / ideal, seconds / (ACCOUNTS / ideal), sent / (double) ACCOUNTS, peakHeap / (1024 * 1024),
				rows / (double) ACCOUNTS, run.failed(), cpu / 1e6 / ACCOUNTS,
				100.0 * cpu / wall.toNanos() / os.getAvailableProcessors(), os.getAvailableProcessors(), progress);
	}

	private void register(int port) {
		jdbc.sql("truncate account, unit, organization, poll_run restart identity cascade").update();
		var file = new StringBuilder("organization,platform,url\n");
		for (int i = 0; i < ACCOUNTS; i++) {
			file.append("Municipio ").append(i % 100).append(",feed,http://127.0.0.").append(1 + i % HOSTS).append(':')
				.append(port).append("/feeds/").append(i).append(".xml\n");
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
