package org.vigia.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.test.web.servlet.MockMvc;

/**
 * How fast the dashboard renders on the server with a large registry: seeds N accounts (bench.accounts, default
 * 10,000) with a year of daily checks as {@link HealthSweepBenchmark} does, lets the sweep open the findings, then
 * requests the overview, the accounts list with each filter and sort, a findings list and account pages 50 times each
 * (after 5 warm-up requests) and prints p50, p95 and max. Not part of the test run: {@code bench/dashboard.sh}.
 */
@AutoConfigureMockMvc(print = MockMvcPrint.NONE) // formatting every response for a failure report is the test's cost, not the server's
class DashboardBenchmark extends HealthSweepBenchmark {

	static final int REQUESTS = 50;

	@Autowired
	MockMvc mvc;

	/** Not run here: this class measures pages. */
	@Override
	void sweepOfEveryAccount() {
	}

	@Test
	void pages() throws Exception {
		long history = seed();
		clearFindings();
		var report = sweep.sweep();
		long refreshStarted = System.nanoTime();
		int refreshed = snapshot.refresh();
		long refreshMillis = (System.nanoTime() - refreshStarted) / 1_000_000;
		jdbc.sql("vacuum analyze").update();
		long open = jdbc.sql("select count(*) from finding where status = 'OPEN'").query(Long.class).single();
		long active = jdbc.sql("select min(id) from account where status = 'ACTIVE'").query(Long.class).single();
		long silent = jdbc.sql("""
				select a.id from account a join account_state s on s.account_id = a.id
				where a.status = 'ACTIVE' order by s.last_activity_at nulls last limit 1
				""").query(Long.class).single();
		System.out.printf(
				"%nDashboard benchmark: %d accounts, %d history rows, %d open findings (sweep %d ms, then the health"
						+ " snapshot's refresh: %d ms, %d accounts changed)%n",
				ACCOUNTS, history, open, report.duration().toMillis(), refreshMillis, refreshed);
		System.out.printf("  %-52s %8s %8s %8s%n", "page", "p50 ms", "p95 ms", "max ms");
		for (var path : List.of("/", "/accounts", "/accounts?sort=handle", "/accounts?sort=organization",
				"/accounts?state=ABANDONED", "/accounts?platform=mastodon&sort=silence", "/accounts?q=cultura",
				"/accounts?organizationId=250&unitId=1247", "/accounts?page=150", "/findings",
				"/findings?type=ABANDONED&severity=HIGH", "/accounts/" + active, "/accounts/" + silent)) {
			measure(path);
		}
		System.out.println();
	}

	private void measure(String path) throws Exception {
		var editor = user("editor").roles("EDITOR");
		for (int i = 0; i < 5; i++) {
			mvc.perform(get(path).with(editor));
		}
		var times = new ArrayList<Long>();
		for (int i = 0; i < REQUESTS; i++) {
			long started = System.nanoTime();
			var result = mvc.perform(get(path).with(editor)).andReturn();
			times.add(System.nanoTime() - started);
			assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
		}
		var sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("  %-52s %8.1f %8.1f %8.1f%n", path, sorted[sorted.length / 2] / 1e6,
				sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6, sorted[sorted.length - 1] / 1e6);
		assertThat(Arrays.stream(sorted).min().orElse(0)).isPositive();
	}

}
