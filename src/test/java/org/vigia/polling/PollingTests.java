package org.vigia.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.vigia.IntegrationTest;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.PlatformChecker;
import org.vigia.platform.Profile;
import org.vigia.registry.RegistryCsv;

@IntegrationTest
class PollingTests {

	static final Instant POSTED = Instant.parse("2026-11-20T10:15:30Z");

	@MockitoBean
	PlatformChecker checker;

	@Autowired
	PollRuns runs;

	@Autowired
	AccountActivity activity;

	@Autowired
	Claims claims;

	@Autowired
	RegistryCsv csv;

	@Autowired
	JdbcClient jdbc;

	final ConcurrentHashMap<String, AtomicInteger> checksPerHandle = new ConcurrentHashMap<>();

	@BeforeEach
	void registryOfThirtyAccounts() {
		jdbc.sql("truncate account, unit, organization, poll_run restart identity cascade").update();
		var file = new StringBuilder("organization,platform,handle\n");
		for (int i = 0; i < 30; i++) {
			file.append("Villaverde,telegram,villaverde_").append(i).append('\n');
		}
		csv.importCsv(file.toString().getBytes(StandardCharsets.UTF_8), false);
		answer(request -> ok(POSTED, "Villaverde"));
	}

	void answer(Function<CheckRequest, CheckResult> answer) {
		willAnswer(invocation -> {
			CheckRequest request = invocation.getArgument(0);
			checksPerHandle.computeIfAbsent(request.address().handle(), h -> new AtomicInteger()).incrementAndGet();
			return answer.apply(request);
		}).given(checker).check(any());
	}

	static CheckResult ok(Instant lastActivity, String displayName) {
		var profile = new Profile(displayName, "Canal oficial", null, 1200L, null, 340L, List.of(), false, null);
		return new CheckResult(CheckOutcome.OK, 200, Duration.ofMillis(40), 1, null, lastActivity,
				"https://t.me/villaverde/42", false, profile, 20, null, null, null, null, null, null);
	}

	PollRun awaitCompletion(PollRun run) throws InterruptedException {
		for (int i = 0; i < 300 && run.status() == PollRun.Status.RUNNING; i++) {
			Thread.sleep(100);
			run = runs.get(run.id());
		}
		return run;
	}

	long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	@Test
	void aManualRunChecksEveryActiveAccountOnceAndCompletes() throws Exception {
		jdbc.sql("update account set status = 'ARCHIVED', archived_at = now() where handle = 'villaverde_0'").update();
		var run = runs.start(null);
		assertThat(run.status()).isEqualTo(PollRun.Status.RUNNING);
		assertThat(run.total()).isEqualTo(29);

		var finished = awaitCompletion(run);
		assertThat(finished.status()).isEqualTo(PollRun.Status.COMPLETED);
		assertThat(finished.checked()).isEqualTo(29);
		assertThat(finished.failed()).isZero();
		assertThat(finished.finishedAt()).isNotNull();
		assertThat(checksPerHandle).hasSize(29).allSatisfy((handle, checks) -> assertThat(checks.get()).isOne());
		assertThat(count("select count(*) from account_check")).isEqualTo(29);
		assertThat(count("select count(*) from account_state where last_activity_at = '2026-11-20T10:15:30Z'"))
			.isEqualTo(29);
	}

	@Test
	void aFailedCheckIsRecordedAndLeavesTheLastActivityAlone() throws Exception {
		long id = jdbc.sql("select id from account where handle = 'villaverde_1'").query(Long.class).single();
		awaitCompletion(runs.start(List.of(id)));
		answer(request -> CheckResult.failure(CheckOutcome.ERROR, 503, Duration.ofMillis(5), 3,
				"server error 503 after 3 attempts", null));
		var failed = awaitCompletion(runs.start(List.of(id)));
		assertThat(failed.failed()).isOne();
		awaitCompletion(runs.start(List.of(id)));

		var state = activity.states(List.of(id)).get(id);
		assertThat(state.lastActivityAt()).isEqualTo(POSTED);
		assertThat(state.lastOutcome()).isEqualTo(CheckOutcome.ERROR);
		assertThat(state.consecutiveFailures()).isEqualTo(2);
		assertThat(state.lastSuccessAt()).isBefore(state.lastCheckedAt());

		var history = activity.history(id, PageRequest.of(0, 10));
		assertThat(history.getTotalElements()).isEqualTo(3);
		assertThat(history.getContent()).extracting(AccountCheck::outcome)
			.containsExactly(CheckOutcome.ERROR, CheckOutcome.ERROR, CheckOutcome.OK);
		assertThat(history.getContent().getFirst().error()).contains("503");
		assertThat(history.getContent().getFirst().lastActivityAt()).isNull();

		answer(request -> ok(POSTED.plusSeconds(3600), "Villaverde"));
		awaitCompletion(runs.start(List.of(id)));
		var recovered = activity.states(List.of(id)).get(id);
		assertThat(recovered.consecutiveFailures()).isZero();
		assertThat(recovered.lastActivityAt()).isEqualTo(POSTED.plusSeconds(3600));
	}

	@Test
	void whatWasLearntAboutAnAccountIsForgottenWhenTheRegistryPointsItElsewhere() throws Exception {
		long id = jdbc.sql("select id from account where handle = 'villaverde_4'").query(Long.class).single();
		answer(request -> new CheckResult(CheckOutcome.OK, 200, Duration.ofMillis(40), 2, null, POSTED, null, false,
				null, null, null, null, "did:plc:oldaccount", "\"etag-1\"", null, null));
		awaitCompletion(runs.start(List.of(id)));
		jdbc.sql("update account set handle = 'villaverde_nuevo', url = 'https://t.me/villaverde_nuevo' where id = :id")
			.param("id", id)
			.update();
		var seen = new java.util.concurrent.CopyOnWriteArrayList<CheckRequest>();
		answer(request -> {
			seen.add(request);
			return new CheckResult(CheckOutcome.OK, 200, Duration.ofMillis(40), 2, null, POSTED.minusSeconds(86400),
					null, false, null, null, null, null, "did:plc:newaccount", null, null, null);
		});
		awaitCompletion(runs.start(List.of(id)));
		assertThat(seen).singleElement().satisfies(request -> {
			assertThat(request.platformId()).isNull();
			assertThat(request.etag()).isNull();
		});
		var state = activity.states(List.of(id)).get(id);
		assertThat(state.lastActivityAt()).isEqualTo(POSTED.minusSeconds(86400));
	}

	@Test
	void aProfileSnapshotIsWrittenOnlyWhenTheProfileChanged() throws Exception {
		long id = jdbc.sql("select id from account where handle = 'villaverde_2'").query(Long.class).single();
		awaitCompletion(runs.start(List.of(id)));
		awaitCompletion(runs.start(List.of(id)));
		assertThat(count("select count(*) from profile_snapshot")).isOne();
		answer(request -> ok(POSTED, "Villaverde (cuenta oficial)"));
		awaitCompletion(runs.start(List.of(id)));
		assertThat(count("select count(*) from profile_snapshot")).isEqualTo(2);

		var history = activity.history(id, PageRequest.of(0, 10)).getContent();
		assertThat(history).hasSize(3);
		assertThat(history.get(0).profile().displayName()).isEqualTo("Villaverde (cuenta oficial)");
		assertThat(history.get(1).profile()).isNull();
		assertThat(history.get(2).profile().displayName()).isEqualTo("Villaverde");
	}

	@Test
	void aRunForUnknownOrArchivedAccountsIsRefusedNamingThem() {
		long archived = jdbc.sql("select id from account where handle = 'villaverde_3'").query(Long.class).single();
		jdbc.sql("update account set status = 'ARCHIVED', archived_at = now() where id = :id").param("id", archived).update();
		assertThatThrownBy(() -> runs.start(List.of(archived, 999_999L))).isInstanceOf(UnknownAccountsException.class)
			.hasMessageContaining(String.valueOf(archived))
			.hasMessageContaining("999999");
		assertThat(count("select count(*) from poll_run")).isZero();
	}

	@Test
	void aRunOverNoAccountsIsCompletedAtOnce() {
		jdbc.sql("update account set status = 'ARCHIVED', archived_at = now()").update();
		var run = runs.start(null);
		assertThat(run.status()).isEqualTo(PollRun.Status.COMPLETED);
		assertThat(run.total()).isZero();
	}

	@Test
	void newAccountsAreSpreadOverTheIntervalAndClaimedOnlyOnce() throws Exception {
		assertThat(claims.seedNewAccounts()).isEqualTo(30);
		assertThat(claims.seedNewAccounts()).isZero();
		var spread = jdbc.sql("select extract(epoch from max(next_due_at) - min(next_due_at)) from account_state")
			.query(Double.class)
			.single();
		assertThat(spread).as("seconds between the first and the last due time").isGreaterThan(3600);

		jdbc.sql("update account_state set next_due_at = now() - interval '1 minute'").update();
		var first = claims.claimDueAccounts();
		var second = claims.claimDueAccounts();
		assertThat(first).hasSize(30);
		assertThat(second).isEmpty();
	}

}
