package org.vigia.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.vigia.IntegrationTest;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.PlatformChecker;
import org.vigia.polling.PollRun;
import org.vigia.polling.PollRuns;
import org.vigia.registry.RegistryCsv;

/** Checks are evaluated as they are recorded: a completed poll run has its findings, and a failed evaluation loses no check. */
@IntegrationTest
class PollingEvaluationTests {

	@MockitoBean
	PlatformChecker checker;

	@MockitoSpyBean
	FactsRepository facts;

	@Autowired
	PollRuns runs;

	@Autowired
	RegistryCsv csv;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HealthSweep sweep;

	@BeforeEach
	void threeAccounts() {
		jdbc.sql("truncate account, unit, organization, poll_run, finding, finding_transition restart identity cascade")
			.update();
		csv.importCsv("""
				organization,unit,platform,handle,contact_email
				Villaverde,Prensa,mastodon,cultura@social.villaverde.example,prensa@villaverde.example
				Villaverde,Prensa,bluesky,deportes.villaverde.example,prensa@villaverde.example
				Villaverde,Juventud,telegram,villaverde_joven,juventud@villaverde.example
				""".getBytes(StandardCharsets.UTF_8), false);
		var now = Instant.now();
		willAnswer(invocation -> {
			CheckRequest request = invocation.getArgument(0);
			return switch (request.address().platform()) {
				case MASTODON -> CheckResult.gone(CheckOutcome.NOT_FOUND, 404, Duration.ofMillis(5), 1, "Record not found");
				case BLUESKY -> ok(now.minus(Duration.ofDays(100)));
				default -> ok(now.minus(Duration.ofHours(5)));
			};
		}).given(checker).check(any());
	}

	static CheckResult ok(Instant lastActivity) {
		return new CheckResult(CheckOutcome.OK, 200, Duration.ofMillis(40), 1, null, lastActivity, null, false, null, 20,
				null, null, null, null, null, null);
	}

	PollRun completed(PollRun run) throws InterruptedException {
		for (int i = 0; i < 300 && run.status() == PollRun.Status.RUNNING; i++) {
			Thread.sleep(100);
			run = runs.get(run.id());
		}
		assertThat(run.status()).isEqualTo(PollRun.Status.COMPLETED);
		return run;
	}

	List<String> findings() {
		return jdbc.sql("""
				select f.type || ' ' || a.handle from finding f join account a on a.id = f.account_id
				where f.status = 'OPEN' order by 1
				""").query(String.class).list();
	}

	@Test
	void aCompletedRunHasItsAccountsEvaluated() throws Exception {
		var run = completed(runs.start(null));
		assertThat(findings()).containsExactly("ABANDONED deportes.villaverde.example",
				"GONE cultura@social.villaverde.example");
		assertThat(jdbc.sql("select count(*) from finding where opened_at > :finished")
			.param("finished", java.sql.Timestamp.from(run.finishedAt()))
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aFailedEvaluationLosesNoCheckAndTheSweepCatchesUp() throws Exception {
		willThrow(new IllegalStateException("a bug in a rule")).given(facts).facts(anyList(), any());
		var run = completed(runs.start(null));
		assertThat(run.checked()).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from account_check").query(Long.class).single()).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from account_state where last_outcome is not null").query(Long.class)
			.single()).isEqualTo(3);
		assertThat(findings()).isEmpty();

		org.mockito.Mockito.reset(facts);
		sweep.sweep();
		assertThat(findings()).containsExactly("ABANDONED deportes.villaverde.example",
				"GONE cultura@social.villaverde.example");
	}

}
