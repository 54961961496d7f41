package org.vigia.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.vigia.TestDatabase;
import org.vigia.people.ApiTokens;
import org.vigia.people.Grant;
import org.vigia.people.People;
import org.vigia.people.Role;

/**
 * What a password costs an API call and what a token costs: the same small API read (GET /api/organizations?size=1),
 * over real HTTP on this machine, bench.requests (500) times from bench.concurrency (4) threads, once with HTTP Basic
 * (a BCrypt check per request, as Vigía stores passwords) and once with {@code Authorization: Bearer vga_...} (a
 * SHA-256 and an indexed lookup). Prints requests per second and p50/p95. Not part of the test run:
 * {@code bench/tokens.sh}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestDatabase.class)
@TestPropertySource(properties = { "vigia.security.admin-password=admin", "vigia.security.allow-test-passwords=true",
		"vigia.polling.schedule-enabled=false", "vigia.health.sweep-enabled=false",
		"vigia.alerts.delivery-enabled=false", "vigia.discovery.schedule-enabled=false",
		"vigia.recertification.schedule-enabled=false", "vigia.connections.lifecycle-enabled=false",
		"vigia.health.snapshot-refresh-enabled=false", "spring.quartz.scheduler-name=vigia-bench-${random.uuid}",
		"logging.level.root=WARN", "logging.level.org.vigia.login=WARN", "server.tomcat.threads.max=64" })
class TokenBenchmark {

	static final int REQUESTS = Integer.getInteger("bench.requests", 500);

	static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 4);

	@Autowired
	People people;

	@Autowired
	ApiTokens tokens;

	@LocalServerPort
	int port;

	@Test
	void basicAgainstToken() throws Exception {
		var name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
		var password = "a password long enough for the bench";
		var person = people.create(new People.NewPerson(name, null, null, password, false,
				List.of(Grant.global(Role.VIEWER))));
		var token = tokens.create(person.id(), "bench", Set.of("read"), null, name).secret();
		var basic = "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
		System.out.printf("%nToken benchmark: GET /api/organizations?size=1, %d requests from %d threads against "
				+ "127.0.0.1:%d, %d cores%n", REQUESTS, CONCURRENCY, port, Runtime.getRuntime().availableProcessors());
		System.out.printf("  %-34s %10s %8s %8s %8s%n", "credentials", "req/s", "p50 ms", "p95 ms", "not 200");
		// Each once before measuring, so that neither pays the first call's warm-up.
		measure("warm-up", basic, REQUESTS / 10, false);
		measure("warm-up", "Bearer " + token, REQUESTS / 10, false);
		measure("HTTP Basic (BCrypt, cost 10)", basic, REQUESTS, true);
		measure("Authorization: Bearer vga_...", "Bearer " + token, REQUESTS, true);
		System.out.println();
	}

	private void measure(String label, String authorization, int requests, boolean print) throws Exception {
		var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/organizations?size=1"))
			.header("Authorization", authorization)
			.build();
		var latencies = Collections.synchronizedList(new ArrayList<Long>());
		var next = new AtomicInteger();
		var failures = new AtomicInteger();
		long started = System.nanoTime();
		try (var pool = Executors.newFixedThreadPool(CONCURRENCY)) {
			for (int t = 0; t < CONCURRENCY; t++) {
				pool.submit(() -> {
					while (next.getAndIncrement() < requests) {
						long sent = System.nanoTime();
						var response = client.send(request, HttpResponse.BodyHandlers.discarding());
						latencies.add(System.nanoTime() - sent);
						if (response.statusCode() != 200) {
							failures.incrementAndGet();
						}
					}
					return null;
				});
			}
		}
		long elapsed = System.nanoTime() - started;
		if (print) {
			var sorted = latencies.stream().sorted().toList();
			System.out.printf("  %-34s %10.0f %8.1f %8.1f %8d%n", label, requests / (elapsed / 1e9),
					sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() * 95 / 100) / 1e6, failures.get());
		}
	}

}
