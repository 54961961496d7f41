package org.vigia.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vigia.IntegrationTest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Jetstream;
import org.vigia.platform.PlatformProperties;
import org.vigia.registry.RegistryCsv;

/** The Jetstream consumer against a local WebSocket server that speaks Jetstream's messages. */
@IntegrationTest
class BlueskyPushTests {

	static final String CULTURA = "did:plc:cultura2ministerio3gob4e";

	static final String MUSEO = "did:plc:museo7nacional2gob5eabcde";

	static final String TEATRO = "did:plc:teatro2real3gob4eabcdefgh";

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

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;

	@Autowired
	org.vigia.runs.ClusterNodes nodes;

	@Autowired
	PollingProperties polling;

	@Autowired
	tools.jackson.databind.json.JsonMapper json;

	final MockWebServer server = new MockWebServer();

	/** The server's side of each socket the consumer opened, with the options update it sent. */
	final BlockingQueue<ServerSide> sockets = new LinkedBlockingQueue<>();

	Thread consumer;

	final AtomicBoolean running = new AtomicBoolean();

	record ServerSide(WebSocket socket, String hello) {
	}

	@BeforeEach
	void threeBlueskyAccountsWhoseDidsAreKnown() throws Exception {
		jdbc.sql("truncate account, unit, organization, poll_run, bluesky_push_cursor restart identity cascade").update();
		csv.importCsv("""
				organization,platform,handle
				Cultura,bluesky,cultura.gob.example
				Cultura,bluesky,museo.gob.example
				Cultura,bluesky,teatro.gob.example
				""".getBytes(StandardCharsets.UTF_8), false);
		for (var did : List.of(CULTURA, MUSEO, TEATRO)) {
			var handle = did.equals(CULTURA) ? "cultura.gob.example" : did.equals(MUSEO) ? "museo.gob.example" : "teatro.gob.example";
			jdbc.sql("""
					insert into account_state (account_id, handle, platform_id, last_activity_at, last_outcome, next_due_at, updated_at)
					select id, handle, :did, '2026-01-01T00:00:00Z', 'OK', now() + interval '5 hours', now()
					from account where handle = :handle
					""").param("did", did).param("handle", handle).update();
		}
		server.start();
	}

	@AfterEach
	void stop() throws Exception {
		stopConsumer();
		server.close();
	}

	/** Answers the next connection with a WebSocket that hands its server side to the test once the hello came. */
	void acceptSocket() {
		server.enqueue(new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
			@Override
			public void onMessage(WebSocket socket, String text) {
				sockets.add(new ServerSide(socket, text));
			}
		}).build());
	}

	void startConsumer(Duration quietAfter, String... paths) {
		var base = PlatformProperties.at(URI.create("http://127.0.0.1:1/"));
		var instances = java.util.Arrays.stream(paths).map(path -> server.url(path).uri()).toList();
		var platforms = new PlatformProperties(20,
				new PlatformProperties.Bluesky(base.bluesky().apiUrl(), Duration.ofDays(7), instances, quietAfter),
				base.telegram(), base.youtube());
		var push = new BlueskyPush(jdbc, poller, jetstream, platforms, clock);
		running.set(true);
		consumer = Thread.ofVirtual().start(() -> push.run(running::get));
	}

	void stopConsumer() throws InterruptedException {
		running.set(false);
		if (consumer != null) {
			consumer.join(5000);
		}
	}

	static long micros(Instant at) {
		return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
	}

	static String post(String did, Instant at, String rkey) {
		return """
				{"did": "%s", "time_us": %d, "kind": "commit", "commit": {"rev": "3l3qo2vutsw2b", "operation": "create",
				 "collection": "app.bsky.feed.post", "rkey": "%s", "cid": "bafyreidwaivazkwu67xztlmuobx35hs2lnfh3kolmgfmucldvhd3sgzcqi",
				 "record": {"$type": "app.bsky.feed.post", "createdAt": "%s", "langs": ["es"], "text": "Pleno municipal"}}}
				""".formatted(did, micros(at), rkey, at);
	}

	static String repost(String did, Instant at) {
		return """
				{"did": "%s", "time_us": %d, "kind": "commit", "commit": {"rev": "3l3qo2vutsw2c", "operation": "create",
				 "collection": "app.bsky.feed.repost", "rkey": "3l3qo2vuowo2b", "cid": "bafyreib",
				 "record": {"$type": "app.bsky.feed.repost", "createdAt": "%s",
				  "subject": {"cid": "bafyreic", "uri": "at://did:plc:otra/app.bsky.feed.post/3kabcdefgh22x"}}}}
				""".formatted(did, micros(at), at);
	}

	static String account(String did, Instant at, String status) {
		return """
				{"did": "%1$s", "time_us": %2$d, "kind": "account", "account": {"active": false, "did": "%1$s",
				 "seq": 1409753013, "status": "%3$s", "time": "%4$s"}}
				""".formatted(did, micros(at), status, at);
	}

	static String identity(String did, Instant at, String handle) {
		return """
				{"did": "%1$s", "time_us": %2$d, "kind": "identity", "identity": {"did": "%1$s", "handle": "%3$s",
				 "seq": 1409752997, "time": "%4$s"}}
				""".formatted(did, micros(at), handle, at);
	}

	Instant lastActivity(String did) {
		return jdbc.sql("select last_activity_at from account_state where platform_id = :did").param("did", did)
			.query(Instant.class).optional().orElse(null);
	}

	boolean dueNow(String did) {
		return jdbc.sql("select next_due_at <= now() from account_state where platform_id = :did").param("did", did)
			.query(Boolean.class).single();
	}

	Long cursor() {
		return jdbc.sql("select time_us from bluesky_push_cursor").query(Long.class).optional().orElse(null);
	}

	static <T> T await(Supplier<T> value, java.util.function.Predicate<T> done) throws InterruptedException {
		T current = value.get();
		for (int i = 0; i < 100 && !done.test(current); i++) {
			Thread.sleep(100);
			current = value.get();
		}
		return current;
	}

	@Test
	void recordsPostsAndRepostsWithinSecondsAndMakesDeactivatedTakenDownAndRenamedAccountsDue() throws Exception {
		acceptSocket();
		startConsumer(Duration.ofMinutes(10), "/subscribe");
		var side = sockets.poll(10, TimeUnit.SECONDS);
		assertThat(side).isNotNull();
		var request = server.takeRequest();
		assertThat(request.getUrl().queryParameterValues("wantedCollections")).containsExactly("app.bsky.feed.post",
				"app.bsky.feed.repost");
		assertThat(request.getUrl().queryParameter("requireHello")).isEqualTo("true");
		assertThat(request.getUrl().queryParameter("cursor")).isNull();
		assertThat(side.hello()).contains("\"type\":\"options_update\"").contains(CULTURA).contains(MUSEO).contains(TEATRO)
			.contains("wantedDids");

		var now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		side.socket().send(post(CULTURA, now.minusSeconds(3), "3lnx3ysrdbk2c"));
		side.socket().send(repost(MUSEO, now.minusSeconds(2)));
		side.socket().send(account(TEATRO, now.minusSeconds(1), "takendown"));
		side.socket().send(post("did:plc:nadie", now, "3lnx3ysrdbk2d"));

		assertThat(await(() -> lastActivity(CULTURA), at -> at.equals(now.minusSeconds(3)))).isEqualTo(now.minusSeconds(3));
		assertThat(jdbc.sql("select newest_post_url from account_state where platform_id = :did").param("did", CULTURA)
			.query(String.class).single()).isEqualTo("https://bsky.app/profile/" + CULTURA + "/post/3lnx3ysrdbk2c");
		assertThat(await(() -> lastActivity(MUSEO), at -> at.equals(now.minusSeconds(2)))).isEqualTo(now.minusSeconds(2));
		assertThat(await(() -> dueNow(TEATRO), due -> due)).isTrue();
		assertThat(await(this::cursor, cursor -> cursor != null && cursor == micros(now))).isEqualTo(micros(now));
		assertThat(dueNow(CULTURA)).isFalse();

		side.socket().send(account(CULTURA, now.plusMillis(1), "deactivated"));
		assertThat(await(() -> dueNow(CULTURA), due -> due)).isTrue();
		side.socket().send(identity(MUSEO, now.plusMillis(2), "museo-nuevo.gob.example"));
		assertThat(await(() -> dueNow(MUSEO), due -> due)).isTrue();
	}

	@Test
	void resumesFromTheStoredCursorAfterADisconnectAndSkipsWhatItRecordedBefore() throws Exception {
		var now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		acceptSocket();
		acceptSocket();
		startConsumer(Duration.ofMinutes(10), "/subscribe");
		var first = sockets.poll(10, TimeUnit.SECONDS);
		first.socket().send(post(CULTURA, now.minusSeconds(10), "3aaaaaaaaaa2a"));
		assertThat(await(this::cursor, cursor -> cursor != null && cursor == micros(now.minusSeconds(10)))).isNotNull();
		server.takeRequest();

		// The instance drops the connection: the consumer comes back with its cursor.
		first.socket().close(1011, "restarting");
		var second = sockets.poll(10, TimeUnit.SECONDS);
		assertThat(second).isNotNull();
		assertThat(server.takeRequest().getUrl().queryParameter("cursor")).isNotNull();
		// A replayed event, older than what was recorded, changes nothing; a new one is recorded.
		jdbc.sql("update account_state set last_activity_at = '2026-01-01T00:00:00Z' where platform_id = :did")
			.param("did", CULTURA).update();
		second.socket().send(post(CULTURA, now.minusSeconds(10), "3aaaaaaaaaa2a"));
		second.socket().send(post(MUSEO, now.minusSeconds(5), "3aaaaaaaaaa2b"));
		assertThat(await(() -> lastActivity(MUSEO), at -> at.equals(now.minusSeconds(5)))).isEqualTo(now.minusSeconds(5));
		assertThat(lastActivity(CULTURA)).isEqualTo("2026-01-01T00:00:00Z");

		// A restart of the node: a new consumer starts from the stored cursor.
		stopConsumer();
		acceptSocket();
		startConsumer(Duration.ofMinutes(10), "/subscribe");
		assertThat(sockets.poll(10, TimeUnit.SECONDS)).isNotNull();
		RecordedRequest resumed = server.takeRequest(5, TimeUnit.SECONDS);
		while (resumed != null && resumed.getUrl().queryParameter("cursor") == null) {
			resumed = server.takeRequest(5, TimeUnit.SECONDS);
		}
		assertThat(resumed.getUrl().queryParameter("cursor")).isEqualTo(Long.toString(micros(now.minusSeconds(5))));
	}

	@Test
	void startsFromNowAndPollsEveryBlueskyAccountWhenTheCursorIsOlderThanTheReplay() throws Exception {
		jdbc.sql("insert into bluesky_push_cursor (time_us, instance, updated_at) values (:cursor, 'x', now())")
			.param("cursor", micros(Instant.now().minus(Duration.ofHours(40))))
			.update();
		acceptSocket();
		startConsumer(Duration.ofMinutes(10), "/subscribe");

		assertThat(sockets.poll(10, TimeUnit.SECONDS)).isNotNull();
		assertThat(server.takeRequest().getUrl().queryParameter("cursor")).isNull();
		assertThat(dueNow(CULTURA)).isTrue();
		assertThat(dueNow(MUSEO)).isTrue();
		assertThat(dueNow(TEATRO)).isTrue();
	}

	@Test
	void takesItsDidsToTheNextInstanceWhenOneGoesQuietWhileItsSocketStaysOpen() throws Exception {
		acceptSocket();
		acceptSocket();
		startConsumer(Duration.ofSeconds(2), "/east/subscribe", "/west/subscribe");
		var quiet = sockets.poll(10, TimeUnit.SECONDS);
		assertThat(quiet).isNotNull();
		assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/east/subscribe");

		var next = sockets.poll(10, TimeUnit.SECONDS);
		assertThat(next).isNotNull();
		assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/west/subscribe");
		var now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		next.socket().send(post(TEATRO, now, "3lnx3ysrdbk2e"));
		assertThat(await(() -> lastActivity(TEATRO), at -> at.equals(now))).isEqualTo(now);
	}

	@Test
	void keepsMarkingTheCursorWhileASocketIsOpenSoThatPollingKnowsPushIsHealthy() throws Exception {
		long stored = micros(Instant.now().minus(Duration.ofHours(1)));
		jdbc.sql("insert into bluesky_push_cursor (time_us, instance, updated_at) values (:cursor, 'x', now() - interval '10 minutes')")
			.param("cursor", stored)
			.update();
		acceptSocket();
		startConsumer(Duration.ofMinutes(10), "/subscribe");
		assertThat(sockets.poll(10, TimeUnit.SECONDS)).isNotNull();

		assertThat(await(() -> jdbc.sql("select updated_at > now() - interval '1 minute' from bluesky_push_cursor")
			.query(Boolean.class).single(), fresh -> fresh)).isTrue();
		assertThat(cursor()).as("no event came: the cursor stays where it was").isEqualTo(stored);
	}

	/** A recorder as on a node whose configuration turns push on, or not. */
	CheckRecorder recorder(boolean pushOn) {
		var base = PlatformProperties.at(URI.create("http://127.0.0.1:1/"));
		var platforms = new PlatformProperties(20, new PlatformProperties.Bluesky(base.bluesky().apiUrl(),
				Duration.ofDays(7), pushOn ? List.of(URI.create("ws://127.0.0.1:1/subscribe")) : List.of(),
				Duration.ofMinutes(10)), base.telegram(), base.youtube());
		return new CheckRecorder(jdbc, transactions, events, nodes, polling, platforms, clock, json);
	}

	/** Records a scheduled check of the account, claimed by this node; answers how far its next check moved on. */
	Duration scheduledCheck(CheckRecorder recorder, String did, CheckResult result) {
		var id = jdbc.sql("select account_id from account_state where platform_id = :did").param("did", did)
			.query(Long.class).single();
		jdbc.sql("update account_state set claimed_by = :node, lease_until = now() + interval '5 minutes' where account_id = :id")
			.param("node", nodes.instanceId()).param("id", id).update();
		var before = jdbc.sql("select next_due_at from account_state where account_id = :id").param("id", id)
			.query(Instant.class).single();
		var target = poller.load(List.of(id)).getFirst();
		assertThat(recorder.record(List.of(new AccountPoller.Checked(target, result, clock.instant())), null, true))
			.hasSize(1);
		var after = jdbc.sql("select next_due_at from account_state where account_id = :id").param("id", id)
			.query(Instant.class).single();
		return Duration.between(before, after);
	}

	static CheckResult seen(String did) {
		return new CheckResult(org.vigia.platform.CheckOutcome.OK, 200, Duration.ofMillis(40), 1, null,
				Instant.parse("2026-11-20T10:15:30Z"), null, false, null, null, null, null, did, null, null, null);
	}

	@Test
	void pushedAccountsArePolledAtThePushedIntervalWhilePushIsHealthyAndAtTheIntervalOtherwise() {
		assertThat(polling.pushedInterval()).isEqualTo(Duration.ofDays(1));
		jdbc.sql("insert into bluesky_push_cursor (time_us, instance, updated_at) values (:cursor, 'x', now())")
			.param("cursor", micros(Instant.now())).update();
		var healthy = recorder(true);
		assertThat(scheduledCheck(healthy, CULTURA, seen(CULTURA))).isEqualTo(polling.pushedInterval());
		// A failed check tells nothing: the account is asked again at the usual interval.
		assertThat(scheduledCheck(healthy, MUSEO, CheckResult.failure(org.vigia.platform.CheckOutcome.ERROR, 503,
				Duration.ofMillis(40), 1, "HTTP 503", null))).isEqualTo(polling.interval());
		// Push turned off in the configuration: the usual interval.
		assertThat(scheduledCheck(recorder(false), TEATRO, seen(TEATRO))).isEqualTo(polling.interval());

		// The consumer stopped marking the cursor (no open socket anywhere): polling goes back to the interval.
		jdbc.sql("update bluesky_push_cursor set updated_at = now() - interval '10 minutes'").update();
		assertThat(scheduledCheck(recorder(true), CULTURA, seen(CULTURA))).isEqualTo(polling.interval());
	}

}
