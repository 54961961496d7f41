package org.vigia.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vigia.IntegrationTest;
import org.vigia.platform.Jetstream;
import org.vigia.platform.PlatformProperties;
import org.vigia.registry.RegistryCsv;

/**
 * Replays N Jetstream post events for M Bluesky accounts from a local WebSocket server as fast as it can send them,
 * through the real consumer into PostgreSQL; prints events per second recorded and the delay from an event to its
 * recorded activity. Not part of the test run: {@code bench/jetstream.sh} runs it.
 */
@IntegrationTest
class JetstreamBenchmark {

	static final int EVENTS = Integer.getInteger("bench.events", 100_000);

	static final int ACCOUNTS = Integer.getInteger("bench.accounts", 2_000);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RegistryCsv csv;

	@Autowired
	AccountPoller poller;

	@Autowired
	Jetstream jetstream;

	@Autowired
	Clock clock;

	static long micros(Instant at) {
		return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
	}

	@Test
	void replayOfOneHundredThousandEvents() throws Exception {
		jdbc.sql("truncate account, unit, organization, poll_run, bluesky_push_cursor restart identity cascade").update();
		var file = new StringBuilder("organization,platform,handle\n");
		for (int i = 0; i < ACCOUNTS; i++) {
			file.append("Municipio ").append(i % 100).append(",bluesky,b").append(i).append(".bench.example\n");
		}
		csv.importCsv(file.toString().getBytes(StandardCharsets.UTF_8), false);
		jdbc.sql("""
				insert into account_state (account_id, handle, platform_id, last_activity_at, last_outcome, next_due_at, updated_at)
				select id, handle, 'did:plc:bench' || substring(handle from 2 for position('.' in handle) - 2),
				       '2026-01-01T00:00:00Z', 'OK', now() + interval '5 hours', now()
				from account
				""").update();

		var started = new CompletableFuture<Long>();
		var sent = new AtomicBoolean();
		var serverSide = new java.util.concurrent.atomic.AtomicReference<WebSocket>();
		try (var server = new MockWebServer()) {
			server.enqueue(new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
				@Override
				public void onMessage(WebSocket socket, String hello) {
					serverSide.set(socket);
					Thread.ofVirtual().start(() -> {
						started.complete(System.nanoTime());
						for (int i = 0; i < EVENTS; i++) {
							// OkHttp closes a socket whose outgoing queue passes 16 MiB: send as fast as it drains.
							while (socket.queueSize() > 4 * 1024 * 1024) {
								Thread.onSpinWait();
								Thread.yield();
							}
							var now = Instant.now();
							socket.send(post("did:plc:bench" + (i % ACCOUNTS), micros(now), now, i));
						}
						sent.set(true);
					});
				}
			}).build());
			server.start();
			var base = PlatformProperties.at(URI.create("http://127.0.0.1:1/"));
			var platforms = new PlatformProperties(20, new PlatformProperties.Bluesky(base.bluesky().apiUrl(),
					Duration.ofDays(7), List.of(server.url("/subscribe").uri()), Duration.ofMinutes(10)),
					base.telegram(), base.youtube());
			var push = new BlueskyPush(jdbc, poller, jetstream, platforms, clock);
			var running = new AtomicBoolean(true);
			var consumer = Thread.ofVirtual().start(() -> push.run(running::get));

			long begin = started.get(60, TimeUnit.SECONDS);
			var lags = new ArrayList<Long>();
			long lastCursor = 0;
			long finished = 0;
			while (System.nanoTime() - begin < TimeUnit.MINUTES.toNanos(3)) {
				Thread.sleep(50);
				var cursor = jdbc.sql("select time_us from bluesky_push_cursor").query(Long.class).optional().orElse(0L);
				if (cursor > lastCursor) {
					lags.add(micros(Instant.now()) - cursor);
					lastCursor = cursor;
				}
				if (sent.get() && cursor > 0 && lastCursor == cursor && lastEventRecorded()) {
					finished = System.nanoTime();
					break;
				}
			}
			assertThat(finished).as("every event recorded within three minutes").isPositive();
			// Single events on a quiet stream, as an institution's post arrives: from sending to recorded.
			var single = new ArrayList<Long>();
			for (int probe = 0; probe < 20; probe++) {
				var now = Instant.now();
				long sentAt = System.nanoTime();
				serverSide.get().send(post("did:plc:bench0", micros(now), now, EVENTS + probe));
				while (!recorded(EVENTS + probe) && System.nanoTime() - sentAt < TimeUnit.SECONDS.toNanos(30)) {
					Thread.sleep(5);
				}
				single.add((System.nanoTime() - sentAt) / 1000);
				Thread.sleep(200);
			}
			Collections.sort(single);
			running.set(false);
			consumer.join(10_000);
			double seconds = (finished - begin) / 1e9;
			Collections.sort(lags);
			System.out.printf("""

					Jetstream benchmark
					  events                    %d posts for %d accounts, sent as fast as a local WebSocket sends them
					  recorded in               %.2f s
					  events per second         %.0f
					  delay during the flood    median %.0f ms, 95th percentile %.0f ms, max %.0f ms (the backlog; %d samples of the cursor)
					  delay of a single event   median %.0f ms, max %.0f ms (%d events sent one at a time on the quiet stream)
					""", EVENTS, ACCOUNTS, seconds, EVENTS / seconds, percentile(lags, 0.5), percentile(lags, 0.95),
					percentile(lags, 1.0), lags.size(), percentile(single, 0.5), percentile(single, 1.0), single.size());
		}
	}

	private boolean recorded(int event) {
		var url = jdbc.sql("select newest_post_url from account_state where platform_id = 'did:plc:bench0'")
			.query(String.class)
			.single();
		return url != null && url.endsWith("/post/r" + event);
	}

	private boolean lastEventRecorded() {
		// The last event of the replay went to this account, with the newest rkey.
		var url = jdbc.sql("select newest_post_url from account_state where platform_id = :did")
			.param("did", "did:plc:bench" + ((EVENTS - 1) % ACCOUNTS))
			.query(String.class)
			.optional()
			.orElse(null);
		return url != null && url.endsWith("/post/r" + (EVENTS - 1));
	}

	private static double percentile(List<Long> sorted, double share) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		return sorted.get((int) Math.min(sorted.size() - 1, Math.round(share * (sorted.size() - 1)))) / 1000.0;
	}

	private static String post(String did, long timeUs, Instant at, int i) {
		return "{\"did\":\"" + did + "\",\"time_us\":" + timeUs + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"3l3qo2vutsw2b\","
				+ "\"operation\":\"create\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"r" + i + "\",\"cid\":\"bafyrei\","
				+ "\"record\":{\"$type\":\"app.bsky.feed.post\",\"createdAt\":\"" + at + "\",\"text\":\"Pleno municipal\"}}}";
	}

}
