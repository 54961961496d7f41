package org.vigia.platform.mastodon;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.vigia.platform.English;
import org.vigia.MutableClock;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.HandleProbe;
import org.vigia.platform.Platform;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * Look-alike lookups against a Mastodon server that allows ten requests a minute and says so in its X-RateLimit
 * headers, as Mastodon does (its default is 300 per 5 minutes): they spread over its windows, a tenth of each left
 * for other requests, and never run into a 429. The clock moves only when the lookups wait.
 */
class MastodonLookupPacingTests {

	static final Instant T0 = Instant.parse("2026-06-01T04:30:00Z");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final MutableClock clock = new MutableClock(T0);

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	private final Server fake = new Server(clock, 10, Duration.ofMinutes(1));

	private final MastodonLookalikes lookalikes = new MastodonLookalikes(
			new PlatformHttpClient(HttpProperties.forLocalTests(), new SimpleMeterRegistry(), Clock.systemUTC()), clock, (duration) -> {
				waits.add(duration);
				clock.advance(duration);
			});

	@Test
	void lookupsSpreadOverTheServersWindowsWithoutATooManyRequests() {
		server.setDispatcher(fake);

		var answers = probe(names(25), Duration.ofMinutes(5));

		assertThat(answers).allSatisfy(probe -> assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.ABSENT));
		assertThat(fake.requests).hasValue(25);
		assertThat(fake.tooMany).hasValue(0);
		// Nine of each window of ten (one kept for polling): two waits, each to the next window.
		assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(1));
		assertThat(fake.perWindow).containsExactly(9, 9, 7);
	}

	@Test
	void aLookupThatWouldWaitLongerThanItsPatienceIsUnknownUntilTheResetAndNotSent() {
		server.setDispatcher(fake);

		var answers = probe(names(12), Duration.ofSeconds(30));

		assertThat(answers.subList(0, 9)).allSatisfy(
				probe -> assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.ABSENT));
		assertThat(answers.subList(9, 12)).allSatisfy(probe -> {
			assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.UNKNOWN);
			assertThat(probe.retryAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
			assertThat(English.text(probe.detail())).contains("rate-limit window").contains("not asked");
		});
		assertThat(fake.requests).hasValue(9);
		assertThat(waits).isEmpty();
		assertThat(lookalikes.remaining(base())).isEqualTo(1);
	}

	@Test
	void aServerThatSendsNoRateLimitHeadersIsNotPaced() {
		server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return new MockResponse.Builder().code(404)
					.addHeader("Content-Type", "application/json; charset=utf-8")
					.body("{\"error\": \"Record not found\"}")
					.build();
			}
		});

		var answers = probe(names(40), Duration.ZERO);

		assertThat(answers).allSatisfy(probe -> assertThat(probe.existence()).isEqualTo(HandleProbe.Existence.ABSENT));
		assertThat(server.getRequestCount()).isEqualTo(40);
		assertThat(lookalikes.remaining(base())).isEqualTo(-1);
	}

	private List<HandleProbe> probe(List<String> names, Duration patience) {
		var answers = new ArrayList<HandleProbe>();
		for (var name : names) {
			var address = Platform.MASTODON.parse(base() + "/@" + name);
			answers.add(lookalikes.probe(List.of(address), patience).get(address));
		}
		return answers;
	}

	private static List<String> names(int count) {
		var names = new ArrayList<String>();
		for (int i = 0; i < count; i++) {
			names.add("aytovillaverde" + i);
		}
		return names;
	}

	private String base() {
		var url = server.url("/");
		return url.scheme() + "://" + url.host() + ":" + url.port();
	}

	/**
	 * A server with fixed windows of {@code limit} requests, as Rack::Attack counts them in Mastodon: every answer
	 * says the limit, what is left and when the window ends; a request beyond the limit gets a 429.
	 */
	static final class Server extends Dispatcher {

		final AtomicInteger requests = new AtomicInteger();

		final AtomicInteger tooMany = new AtomicInteger();

		final List<Integer> perWindow = new CopyOnWriteArrayList<>();

		private final MutableClock clock;

		private final int limit;

		private final Duration period;

		Server(MutableClock clock, int limit, Duration period) {
			this.clock = clock;
			this.limit = limit;
			this.period = period;
		}

		@Override
		public synchronized MockResponse dispatch(RecordedRequest request) {
			requests.incrementAndGet();
			long elapsed = Duration.between(T0, clock.instant()).toMillis();
			int window = (int) (elapsed / period.toMillis());
			while (perWindow.size() <= window) {
				perWindow.add(0);
			}
			int used = perWindow.get(window) + 1;
			perWindow.set(window, used);
			var reset = T0.plus(period.multipliedBy(window + 1)).truncatedTo(ChronoUnit.SECONDS);
			var builder = new MockResponse.Builder().addHeader("Content-Type", "application/json; charset=utf-8")
				.addHeader("X-RateLimit-Limit", String.valueOf(limit))
				.addHeader("X-RateLimit-Remaining", String.valueOf(Math.max(0, limit - used)))
				.addHeader("X-RateLimit-Reset", reset.toString());
			if (used > limit) {
				tooMany.incrementAndGet();
				return builder.code(429).body("{\"error\": \"Too many requests\"}").build();
			}
			return builder.code(404).body("{\"error\": \"Record not found\"}").build();
		}

	}

}
