package org.vigia.polling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Sees every poll run to its end, whether accounts are checked on schedule or not: completes, restarts or fails the
 * runs that their workers left (see {@link PollRuns#finishLeftRuns}, the shared run mechanism); one node of the cluster at a time.
 */
@DisallowConcurrentExecution
class FinishLeftRunsJob extends QuartzJobBean {

	private final PollRuns runs;

	FinishLeftRunsJob(PollRuns runs) {
		this.runs = runs;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		runs.finishLeftRuns();
	}

}
