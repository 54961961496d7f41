package org.vigia.polling;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A poll of some or all accounts and its progress; COMPLETED once every account in it has a recorded outcome and an
 * updated state.
 */
public record PollRun(long id, Status status, Trigger trigger, int total, int checked, int failed, Instant startedAt,
		@Nullable Instant finishedAt) {

	/** Where a run stands. */
	public enum Status {
		RUNNING, COMPLETED, FAILED
	}

	/** Who started a run. */
	public enum Trigger {
		MANUAL, SCHEDULED
	}

}
