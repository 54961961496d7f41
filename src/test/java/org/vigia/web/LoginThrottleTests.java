package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.vigia.IntegrationTest;
import org.vigia.MutableClock;

/**
 * The login throttle itself, against PostgreSQL: two throttles on two connection pools stand for two nodes of a
 * cluster, and a clock moved by hand for the time that passes.
 */
@IntegrationTest
class LoginThrottleTests {

	static final LoginThrottleProperties DEFAULTS = new LoginThrottleProperties(5, 20, Duration.ofMinutes(15),
			Duration.ofMinutes(1), Duration.ofMinutes(15));

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));

	HikariDataSource secondPool;

	@BeforeEach
	@AfterEach
	void forgetFailures() {
		jdbc.sql("truncate login_throttle").update();
		if (secondPool != null) {
			secondPool.close();
		}
	}

	LoginThrottle node(DataSource pool) {
		return new LoginThrottle(JdbcClient.create(pool), new JdbcTransactionManager(pool), clock, DEFAULTS);
	}

	LoginThrottle secondNode() {
		var first = (HikariDataSource) dataSource;
		secondPool = new HikariDataSource();
		secondPool.setJdbcUrl(first.getJdbcUrl());
		secondPool.setUsername(first.getUsername());
		secondPool.setPassword(first.getPassword());
		secondPool.setMaximumPoolSize(4);
		return node(secondPool);
	}

	static void fail(LoginThrottle throttle, String user, String address) {
		throttle.begin(user, address);
	}

	@Test
	void theSixthAttemptIsRefusedEvenWhenItsPasswordWouldBeRight() {
		var throttle = node(dataSource);
		for (int i = 0; i < 5; i++) {
			fail(throttle, "editor", "198.51.100.1");
		}
		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> throttle.begin("editor", "198.51.100.1"))
			.satisfies(ex -> assertThat(ex.retryAfterSeconds()).isEqualTo(60));
		// Another address changes nothing: the user name is refused.
		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> throttle.begin("Editor", "203.0.113.9"));
	}

	@Test
	void twoNodesShareTheCount() {
		var first = node(dataSource);
		var second = secondNode();
		fail(first, "editor", "198.51.100.1");
		fail(second, "editor", "198.51.100.2");
		fail(first, "editor", "198.51.100.3");
		fail(second, "editor", "198.51.100.4");
		fail(first, "editor", "198.51.100.5");
		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> second.begin("editor", "198.51.100.6"));
		assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> first.begin("editor", "198.51.100.7"));
	}

	@Test
	void guessesRacingOnTwoNodesCannotOvershootTheLimit() throws Exception {
		var nodes = new LoginThrottle[] { node(dataSource), secondNode() };
		var start = new CountDownLatch(1);
		var tasks = new ArrayList<Callable<Boolean>>();
		for (int i = 0; i < 16; i++) {
			var node = nodes[i % 2];
			var address = "198.51.100." + (i + 1);
			tasks.add(() -> {
				start.await();
				try {
					node.begin("editor", address);
					return true;
				}
				catch (LoginThrottledException ex) {
					return false;
				}
			});
		}
		try (var executor = Executors.newFixedThreadPool(8)) {
			var futures = tasks.stream().map(executor::submit).toList();
			start.countDown();
			long allowed = 0;
			for (var future : futures) {
				allowed += future.get() ? 1 : 0;
			}
			assertThat(allowed).isEqualTo(5);
		}
	}

	@Test
	void theRefusalGrowsWithEachFurtherFailureUpToTheMaximum() {
		var throttle = node(dataSource);
		for (int i = 0; i < 5; i++) {
			fail(throttle, "editor", "198.51.100." + i);
		}
		var refusals = new ArrayList<Long>();
		for (int i = 0; i < 6; i++) {
			var refused = catchThrottled(() -> throttle.begin("editor", "198.51.100.99"));
			refusals.add(refused.retryAfterSeconds());
			clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));
			fail(throttle, "editor", "198.51.100.99");
		}
		assertThat(refusals).containsExactly(60L, 120L, 240L, 480L, 900L, 900L);
		// After the longest refusal, a guess is not the first of a fresh count.
		clock.advance(Duration.ofMinutes(15));
		fail(throttle, "editor", "198.51.100.99");
		assertThat(catchThrottled(() -> throttle.begin("editor", "198.51.100.99")).retryAfterSeconds()).isEqualTo(900);
	}

	@Test
	void failuresAreForgottenAfterTheWindowWithoutAFailureOrARefusal() {
		var throttle = node(dataSource);
		for (int i = 0; i < 4; i++) {
			fail(throttle, "editor", "198.51.100.1");
			clock.advance(Duration.ofMinutes(14));
		}
		// Four failures 14 minutes apart: each within the window of the one before, so they add up.
		fail(throttle, "editor", "198.51.100.1");
		clock.advance(Duration.ofSeconds(30));
		catchThrottled(() -> throttle.begin("editor", "198.51.100.1"));
		// The refusal ends at 57 minutes; 15 minutes after it, the count starts again.
		clock.advance(Duration.ofMinutes(15).plusSeconds(30));
		for (int i = 0; i < 4; i++) {
			fail(throttle, "editor", "198.51.100.1");
		}
		assertThatNoException().isThrownBy(() -> throttle.begin("editor", "198.51.100.1"));
	}

	@Test
	void aSuccessfulLoginClearsItsUserNameButNotTheAddress() {
		var throttle = node(dataSource);
		for (int i = 0; i < 4; i++) {
			fail(throttle, "editor", "198.51.100.1");
		}
		throttle.begin("editor", "198.51.100.1").succeeded();
		for (int i = 0; i < 4; i++) {
			fail(throttle, "editor", "198.51.100.1");
		}
		assertThat(failures("user:editor")).isEqualTo(4);
		assertThat(failures("address:198.51.100.1")).isEqualTo(8);
	}

	@Test
	void oneAddressTriesTwentyNamesAndIsRefused() {
		var throttle = node(dataSource);
		for (int i = 0; i < 20; i++) {
			fail(throttle, "guess" + i, "198.51.100.1");
		}
		catchThrottled(() -> throttle.begin("someone-else", "198.51.100.1"));
		assertThatNoException().isThrownBy(() -> throttle.begin("someone-else", "198.51.100.2"));
	}

	@Test
	void anIpv6ClientCountsByItsSlash64() {
		var throttle = node(dataSource);
		for (int i = 0; i < 20; i++) {
			fail(throttle, "guess" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1));
		}
		catchThrottled(() -> throttle.begin("someone-else", "2001:db8:1:2:ffff:ffff:ffff:ffff"));
		assertThatNoException().isThrownBy(() -> throttle.begin("someone-else", "2001:db8:1:3::1"));
	}

	@Test
	void aSuccessThatReachesTheAddressLimitDoesNotLockTheAddress() {
		var throttle = node(dataSource);
		for (int i = 0; i < 19; i++) {
			fail(throttle, "guess" + i, "198.51.100.1");
		}
		throttle.begin("editor", "198.51.100.1").succeeded();
		assertThatNoException().isThrownBy(() -> throttle.begin("viewer", "198.51.100.1"));
	}

	int failures(String key) {
		return jdbc.sql("select failures from login_throttle where key = :key").param("key", key)
			.query(Integer.class)
			.single();
	}

	static LoginThrottledException catchThrottled(Runnable attempt) {
		try {
			attempt.run();
		}
		catch (LoginThrottledException ex) {
			return ex;
		}
		throw new AssertionError("the attempt was not refused");
	}

}
