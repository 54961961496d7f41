package org.vigia.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.vigia.platform.bluesky.BlueskyAdapter;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;
import org.vigia.platform.mastodon.MastodonAdapter;

/**
 * Runs the checks' hot paths before the first real poll: the HTTP client (OkHttp, its connection pool, the address
 * guard), the Mastodon and Bluesky adapters and their JSON and HTML parsing, against canned answers shaped as the real
 * APIs' from a server on the loopback interface that lives only for the warm-up. A cold JVM loads and compiles all
 * of that during the first poll otherwise, which then takes far longer than the next ones. Nothing leaves the machine
 * and the service's own HTTP client and its connections are left alone (compiled code is shared by every instance).
 */
@Component
public class PlatformWarmUp {

	private static final Logger log = LoggerFactory.getLogger(PlatformWarmUp.class);

	/** Checks in flight at once during the warm-up. */
	private static final int CONCURRENCY = 16;

	private final Clock clock;

	public PlatformWarmUp(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Warms up for at most {@code budget} (or until {@code rounds} rounds are done): each round checks a few Mastodon
	 * accounts for the first time (lookup and statuses) and a few known ones (statuses only), and a batch of Bluesky
	 * accounts (getProfiles, then their feeds). Never throws: a failed warm-up only leaves the JVM cold.
	 * @return the results of the checks, for the caller to warm up what it does with results
	 */
	public List<CheckResult> warmUp(Duration budget, int rounds) {
		long started = System.nanoTime();
		long deadline = started + budget.toNanos();
		var results = new ArrayList<CheckResult>();
		HttpServer server = null;
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
			server.createContext("/", PlatformWarmUp::answer);
			server.setExecutor(executor);
			server.start();
			var base = "http://127.0.0.1:" + server.getAddress().getPort();
			var http = new PlatformHttpClient(new HttpProperties(true, CONCURRENCY, CONCURRENCY, Duration.ofSeconds(2),
					Duration.ofSeconds(2), Duration.ofSeconds(5), DataSize.ofMegabytes(1), 0, 0, Duration.ZERO,
					"https://github.com/vigia-project/vigia"), new SimpleMeterRegistry(), this.clock);
			var properties = PlatformProperties.at(URI.create(base + "/"));
			var mastodon = new MastodonAdapter(http, properties, this.clock);
			var bluesky = new BlueskyAdapter(http, properties, this.clock);
			for (int round = 0; round < rounds && System.nanoTime() < deadline; round++) {
				var checks = new ArrayList<Future<List<CheckResult>>>();
				for (int i = 0; i < CONCURRENCY - 1; i++) {
					int n = round * CONCURRENCY + i;
					var address = new AccountAddress(Platform.MASTODON, "m" + n + "@127.0.0.1", base + "/@m" + n);
					// Half first checks (lookup, statuses), half known accounts (statuses alone).
					var request = new CheckRequest(address, (n % 2 == 0) ? null : Integer.toString(n), null, null, null);
					checks.add(executor.submit(() -> List.of(mastodon.check(request))));
				}
				var batch = new ArrayList<CheckRequest>();
				for (int i = 0; i < bluesky.batchSize(); i++) {
					var handle = "b" + (round * 25 + i) + ".warm.example";
					batch.add(new CheckRequest(new AccountAddress(Platform.BLUESKY, handle, "https://bsky.app/profile/" + handle),
							null, null, null, null));
				}
				checks.add(executor.submit(() -> bluesky.checkAll(batch)));
				for (var check : checks) {
					results.addAll(check.get());
				}
			}
			long failed = results.stream().filter(result -> result.outcome() != CheckOutcome.OK).count();
			log.info("Warmed up the platform adapters with {} checks in {} ms{}", results.size(),
					(System.nanoTime() - started) / 1_000_000, (failed == 0) ? "" : " (" + failed + " failed)");
		}
		catch (IOException | ExecutionException | RuntimeException ex) {
			log.info("The warm-up of the platform adapters stopped: {}", ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (server != null) {
				server.stop(0);
			}
		}
		return results;
	}

	/** Mastodon's lookup and statuses, the AppView's profiles and author feeds, shaped as the real answers. */
	private static void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			var uri = exchange.getRequestURI();
			var path = uri.getRawPath();
			var query = (uri.getRawQuery() == null) ? "" : uri.getRawQuery();
			var authority = "127.0.0.1:" + exchange.getLocalAddress().getPort();
			String body;
			if (path.equals("/api/v1/accounts/lookup")) {
				body = mastodonAccount(authority, query.substring(query.indexOf("acct=m") + 6));
			}
			else if (path.startsWith("/api/v1/accounts/")) {
				var id = path.substring("/api/v1/accounts/".length(), path.indexOf("/statuses"));
				body = """
						[{"id": "1%1$s", "created_at": "2026-11-27T09:30:00.000Z", "in_reply_to_id": null,
						  "in_reply_to_account_id": null, "visibility": "public", "reblog": null,
						  "url": "http://%2$s/@m%1$s/1%1$s", "content": "<p>Pleno <a href=\\"http://%2$s/tags/pleno\\">#pleno</a></p>",
						  "account": %3$s}]
						""".formatted(id, authority, mastodonAccount(authority, id));
			}
			else {
				body = bluesky(path, query);
			}
			var bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
		}
	}

	private static String mastodonAccount(String authority, String id) {
		return """
				{"id": "%1$s", "username": "m%1$s", "acct": "m%1$s", "display_name": "Municipio %1$s",
				 "note": "<p>Cuenta oficial del <a href=\\"https://example.org\\">Ayuntamiento</a><br>Horario: 9 a 14 h</p>",
				 "url": "http://%2$s/@m%1$s", "avatar": "http://%2$s/avatars/original/missing.png",
				 "followers_count": 1200, "following_count": 12, "statuses_count": 340, "last_status_at": "2026-11-27",
				 "bot": false, "locked": false, "created_at": "2022-11-15T00:00:00.000Z",
				 "fields": [{"name": "Web", "value": "<a href=\\"https://example.org\\">example.org</a>", "verified_at": null}]}
				""".formatted(id, authority);
	}

	private static String bluesky(String path, String query) {
		var numbers = new ArrayList<String>();
		for (var parameter : query.split("&")) {
			if (parameter.startsWith("actors=") || parameter.startsWith("actor=")) {
				var actor = URLDecoder.decode(parameter.substring(parameter.indexOf('=') + 1), StandardCharsets.UTF_8);
				numbers.add(actor.startsWith("did:plc:warm") ? actor.substring(12) : actor.substring(1, actor.indexOf('.')));
			}
		}
		if (numbers.isEmpty()) {
			numbers.add("0");
		}
		return switch (path) {
			case "/xrpc/app.bsky.actor.getProfiles" ->
				"{\"profiles\": [" + String.join(",", numbers.stream().map(PlatformWarmUp::blueskyProfile).toList()) + "]}";
			case "/xrpc/app.bsky.actor.getProfile" -> blueskyProfile(numbers.getFirst());
			default -> """
					{"feed": [{"post": {"uri": "at://did:plc:warm%1$s/app.bsky.feed.post/3lnx3ysrdbk2c",
					  "cid": "bafyreidwaivazkwu67xztlmuobx35hs2lnfh3kolmgfmucldvhd3sgzcqi",
					  "author": {"did": "did:plc:warm%1$s", "handle": "b%1$s.warm.example"},
					  "record": {"$type": "app.bsky.feed.post", "text": "Pleno municipal", "createdAt": "2026-11-27T09:30:00.000Z"},
					  "indexedAt": "2026-11-27T09:30:01.000Z"}}]}
					""".formatted(numbers.getFirst());
		};
	}

	private static String blueskyProfile(String number) {
		return """
				{"did": "did:plc:warm%1$s", "handle": "b%1$s.warm.example", "displayName": "Municipio %1$s",
				 "description": "Cuenta oficial", "followersCount": 1200, "followsCount": 12, "postsCount": 340,
				 "indexedAt": "2024-11-20T09:12:01.523Z", "createdAt": "2023-04-12T10:00:00.000Z"}
				""".formatted(number);
	}

}
