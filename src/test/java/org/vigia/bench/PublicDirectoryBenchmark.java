package org.vigia.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.vigia.TestDatabase;

/**
 * The public directory under load, over real HTTP on this machine only: seeds bench.accounts (100,000) accounts in 300
 * organizations that all publish their directory, then sends a bounded number of requests (bench.requests, 20,000)
 * from bench.concurrency (16) client threads to 127.0.0.1 and prints throughput and p50/p95/max for
 * /public/api/verify (official accounts pasted as URLs, then unknown handles), an organization's account list and
 * directory page, the verify page for an unknown account (which suggests the organization it resembles) and the DCAT
 * catalogue. Not part of the test run: {@code bench/public.sh}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestDatabase.class)
@TestPropertySource(properties = { "vigia.security.admin-password=admin", "vigia.security.allow-test-passwords=true",
		"vigia.polling.schedule-enabled=false", "vigia.health.sweep-enabled=false",
		"vigia.alerts.delivery-enabled=false", "vigia.discovery.schedule-enabled=false",
		"vigia.health.snapshot-refresh-enabled=false", "spring.quartz.scheduler-name=vigia-bench-${random.uuid}",
		"logging.level.root=WARN", "server.tomcat.threads.max=64" })
class PublicDirectoryBenchmark {

	static final int ACCOUNTS = Integer.getInteger("bench.accounts", 100_000);

	static final int ORGANIZATIONS = 300;

	static final int REQUESTS = Integer.getInteger("bench.requests", 20_000);

	static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void publicEndpoints() throws Exception {
		long seedStarted = System.nanoTime();
		seed();
		System.out.printf("%nPublic directory benchmark: %d accounts in %d organizations (seeded in %d s), %d requests"
				+ " per endpoint from %d threads against 127.0.0.1:%d%n", ACCOUNTS, ORGANIZATIONS,
				(System.nanoTime() - seedStarted) / 1_000_000_000, REQUESTS, CONCURRENCY, port);
		System.out.printf("  %-44s %10s %8s %8s %8s%n", "endpoint", "req/s", "p50 ms", "p95 ms", "max ms");
		measure("GET /public/api/verify?url= (official)", i -> "/public/api/verify?url="
				+ URLEncoder.encode("https://social" + (i * 7919 % ACCOUNTS % 7) + ".example/@cuenta" + (i * 7919 % ACCOUNTS),
						StandardCharsets.UTF_8), 200);
		measure("GET /public/api/verify?url= (unknown)", i -> "/public/api/verify?url="
				+ URLEncoder.encode("@nadie" + i + "@social3.example", StandardCharsets.UTF_8), 404);
		measure("GET /public/api/organizations/{slug}/accounts", i -> "/public/api/organizations/organismo-"
				+ (1 + i % ORGANIZATIONS) + "/accounts", 200);
		measure("GET /public/{slug}", i -> "/public/organismo-" + (1 + i % ORGANIZATIONS), 200);
		measure("GET /public/verify?q= (unknown: suggestion)", i -> "/public/verify?q="
				+ URLEncoder.encode("@cuentaa" + i + "@otro.example", StandardCharsets.UTF_8), 200);
		measure("GET /public/catalog (Turtle, 300 datasets)", i -> "/public/catalog", 200);
		System.out.println();
	}

	private void seed() {
		jdbc.sql("truncate account, unit, organization, finding, finding_transition restart identity cascade").update();
		jdbc.sql("""
				insert into organization (name, aliases, official_domains, public_directory, created_at, updated_at)
				select 'Organismo ' || n, '{}', array['organismo' || n || '.example'], true, now(), now()
				from generate_series(1, :n) n
				""").param("n", ORGANIZATIONS).update();
		jdbc.sql("""
				insert into unit (organization_id, name, contact_emails, created_at, updated_at)
				select o, 'Unidad ' || u, '{}', now(), now() from generate_series(1, :n) o, generate_series(1, 5) u order by o, u
				""").param("n", ORGANIZATIONS).update();
		// Account n lives on server social(n % 7), belongs to organization n % 300 + 1, and to one of its units.
		jdbc.sql("""
				insert into account (organization_id, unit_id, platform, handle, url, display_name, purpose, language,
				                     created_at, updated_at)
				select n % :orgs + 1, (n % :orgs) * 5 + (n / :orgs) % 5 + 1, 'MASTODON',
				       'cuenta' || n || '@social' || (n % 7) || '.example', 'https://social' || (n % 7) || '.example/@cuenta' || n,
				       'Cuenta ' || n, 'Noticias', 'es', now(), now()
				from generate_series(0, :n - 1) n
				""").param("orgs", ORGANIZATIONS).param("n", ACCOUNTS).update();
		jdbc.sql("vacuum analyze").update();
	}

	private void measure(String label, IntFunction<String> path, int expected) throws Exception {
		var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		var base = "http://127.0.0.1:" + port;
		for (int i = 0; i < 200; i++) {
			client.send(HttpRequest.newBuilder(URI.create(base + path.apply(i))).build(),
					HttpResponse.BodyHandlers.discarding());
		}
		var times = Collections.synchronizedList(new ArrayList<Long>(REQUESTS));
		var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
		var next = new AtomicInteger();
		long started = System.nanoTime();
		try (var pool = Executors.newFixedThreadPool(CONCURRENCY)) {
			for (int t = 0; t < CONCURRENCY; t++) {
				pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
						var request = HttpRequest.newBuilder(URI.create(base + path.apply(i + 1000))).build();
						long sent = System.nanoTime();
						var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
						times.add(System.nanoTime() - sent);
						statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
					}
					return null;
				});
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		var sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("  %-44s %10.0f %8.1f %8.1f %8.1f%n", label, sorted.length / seconds,
				sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6,
				sorted[sorted.length - 1] / 1e6);
		assertThat(statuses.keySet()).as(label + " statuses " + statuses).containsExactly(expected);
	}

}
