package org.vigia.polling;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A poll of some or all accounts and its progress; COMPLETED once every account in it has a recorded outcome and an
 * updated state, FAILED with a reason when the cluster could not finish it.
 * @param reason why the run FAILED; null otherwise
 * @param error the last error its workers met, if any: what an operator needs to know about a FAILED run
 */
public record PollRun(long id, Status status, Trigger trigger, int total, int checked, int failed, Instant startedAt,
		@Nullable Instant finishedAt, @Nullable Reason reason, @Nullable String error) {

	/** Where a run stands. */
	public enum Status {
		RUNNING, COMPLETED, FAILED
	}

	/** Who started a run. */
	public enum Trigger {
		MANUAL, SCHEDULED
	}

	/** Why a run FAILED. */
	public enum Reason {

		/** Its workers could not be handed to the scheduler. */
		NOT_SCHEDULED,

		/** Its workers stopped, were restarted, and stopped again without checking an account, several times in a row. */
		WORKERS_STOPPED

	}

}
