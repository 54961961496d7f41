package org.vigia.runs;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

class RunKindTests {

	@Test
	void aKindNamingItsTablesPlainlyIsAccepted() {
		assertThatNoException().isThrownBy(() -> kind("poll_run", "poll_run_account", "account_id", 500));
	}

	@Test
	void aTableOrColumnNameThatIsNotAPlainIdentifierIsRefusedNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> kind("poll_run; drop table account", "items", "id", 1))
			.withMessageContaining("poll_run; drop table account");
		assertThatIllegalArgumentException().isThrownBy(() -> kind("runs", "Items", "id", 1))
			.withMessageContaining("Items");
		assertThatIllegalArgumentException().isThrownBy(() -> kind("runs", "items", "p.id", 1))
			.withMessageContaining("p.id");
	}

	@Test
	void aKindWhoseWorkersWouldClaimNothingIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> kind("runs", "items", "id", 0))
			.withMessageContaining("batch");
	}

	private static RunKind kind(String runs, String items, String item, int batch) {
		return new RunKind("test run", runs, items, item, "test-runs", NoWork.class, count -> 1, batch,
				Duration.ofMinutes(1), 3);
	}

	static final class NoWork implements Job {

		@Override
		public void execute(JobExecutionContext context) {
		}

	}

}
