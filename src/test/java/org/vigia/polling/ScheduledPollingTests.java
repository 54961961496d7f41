package org.vigia.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.vigia.IntegrationTest;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.PlatformChecker;
import org.vigia.registry.RegistryCsv;

@IntegrationTest
@TestPropertySource(properties = { "vigia.polling.schedule-enabled=true", "vigia.polling.tick=PT1S",
		"vigia.polling.interval=PT1H", "vigia.polling.shards=2", "vigia.polling.batch-size=7" })
class ScheduledPollingTests {

	@MockitoBean
	PlatformChecker checker;

	@Autowired
	RegistryCsv csv;

	@Autowired
	JdbcClient jdbc;

	@Test
	void dueAccountsAreCheckedOncePerIntervalByTheShardJobs() throws Exception {
		// Other tests' accounts go first: this context's shard jobs would check those that are due with this stand-in.
		emptyTheRegistry();
		var checks = new ConcurrentHashMap<String, AtomicInteger>();
		willAnswer(invocation -> {
			CheckRequest request = invocation.getArgument(0);
			checks.computeIfAbsent(request.address().handle(), h -> new AtomicInteger()).incrementAndGet();
			return new CheckResult(CheckOutcome.OK, 200, Duration.ofMillis(5), 1, null,
					Instant.parse("2026-11-20T10:00:00Z"), null, false, null, null, null, null, null, null, null, null);
		}).given(checker).check(any());
		var file = new StringBuilder("organization,platform,handle\n");
		for (int i = 0; i < 40; i++) {
			file.append("Villaverde,telegram,villaverde_").append(i).append('\n');
		}
		csv.importCsv(file.toString().getBytes(StandardCharsets.UTF_8), false);

		// The shard jobs give new accounts a due time within the hour; make them all due now.
		var deadline = Instant.now().plusSeconds(20);
		while (jdbc.sql("select count(*) from account_state").query(Long.class).single() < 40
				&& Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		jdbc.sql("update account_state set next_due_at = now() - interval '1 second'").update();
		while (checks.size() < 40 && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		Thread.sleep(3000); // three more ticks: nothing may be checked twice within the interval

		assertThat(checks).hasSize(40).allSatisfy((handle, count) -> assertThat(count.get()).isOne());
		List<Double> hoursAhead = jdbc
			.sql("select extract(epoch from next_due_at - last_checked_at) / 3600 from account_state")
			.query(Double.class)
			.list();
		assertThat(hoursAhead).hasSize(40).allSatisfy(hours -> assertThat(hours).isBetween(0.99, 1.01));
		assertThat(jdbc.sql("select count(*) from account_check where run_id is null").query(Long.class).single())
			.isEqualTo(40);
	}

	/**
	 * This context's shard jobs run every second and take locks on the registry's and polling's tables in another order
	 * than TRUNCATE does: a deadlock between them is retried, as the shard job itself would be at its next tick.
	 */
	private void emptyTheRegistry() throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				jdbc.sql("truncate account, unit, organization, poll_run restart identity cascade").update();
				return;
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
				Thread.sleep(200);
			}
		}
	}

}
