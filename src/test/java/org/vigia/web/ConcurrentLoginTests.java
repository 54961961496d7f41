package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.IntegrationTest;

/**
 * Many scripts signing in with Basic at once, from one address: each attempt locks its throttle rows, and none may
 * wait on another crosswise (PostgreSQL would end one with a deadlock, and the API would answer 500).
 */
@IntegrationTest
class ConcurrentLoginTests {

	private static final int THREADS = 20;

	private static final int ROUNDS = 10;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	@AfterEach
	void forgetFailures() {
		jdbc.sql("truncate login_throttle").update();
	}

	@Test
	void twentyConcurrentBasicLoginsFromOneAddressAllAnswerWithoutAServerError() throws Exception {
		var start = new CountDownLatch(1);
		var pool = Executors.newFixedThreadPool(THREADS);
		try {
			var results = new ArrayList<Future<List<Integer>>>();
			for (int t = 0; t < THREADS; t++) {
				// Right and wrong passwords mixed: successes give counts back while others reserve theirs.
				var user = t % 2 == 0 ? "viewer" : "editor";
				var password = t % 4 == 3 ? "wrong-" + t : user;
				Callable<List<Integer>> logins = () -> {
					start.await();
					var statuses = new ArrayList<Integer>();
					for (int i = 0; i < ROUNDS; i++) {
						statuses.add(mvc.perform(get("/api/organizations").with(httpBasic(user, password))
							.with(LoginThrottlingTests.from("198.51.100.99"))).andReturn().getResponse().getStatus());
					}
					return statuses;
				};
				results.add(pool.submit(logins));
			}
			start.countDown();
			var statuses = new ArrayList<Integer>();
			for (var result : results) {
				statuses.addAll(result.get(2, TimeUnit.MINUTES));
			}
			assertThat(statuses).hasSize(THREADS * ROUNDS).allSatisfy(status -> assertThat(status).isLessThan(500));
			// The right passwords got through, at least until the address's count reached its limit.
			assertThat(statuses).contains(200);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
