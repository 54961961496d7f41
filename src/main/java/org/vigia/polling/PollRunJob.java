package org.vigia.polling;

import java.time.Duration;

import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * One worker of a poll run: claims batches of the run's accounts until none is left; requests recovery, so a dead
 * node's worker is restarted elsewhere and takes over the accounts of the dead node, whose claims are void. A worker
 * stopped by an error notes it on the run; the cluster gives the run new workers (see {@link PollRuns#finishLeftRuns}).
 */
class PollRunJob extends QuartzJobBean {

	static final String RUN_ID = "runId";

	private static final Logger log = LoggerFactory.getLogger(PollRunJob.class);

	private final Claims claims;

	private final AccountPoller poller;

	private final PollRuns runs;

	PollRunJob(Claims claims, AccountPoller poller, PollRuns runs) {
		this.claims = claims;
		this.poller = poller;
		this.runs = runs;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		long runId = context.getMergedJobDataMap().getLong(RUN_ID);
		try {
			work(context, runId);
		}
		catch (RuntimeException ex) {
			runs.noteError(runId, ex);
			throw ex;
		}
	}

	private void work(JobExecutionContext context, long runId) {
		int checked = 0;
		while (true) {
			var batch = claims.claimRunAccounts(runId);
			if (batch.isEmpty()) {
				if (!claims.hasPending(runId)) {
					break;
				}
				// Another worker holds the rest; wait in case its node dies and its claims are void.
				sleep(Duration.ofMillis(500));
				continue;
			}
			poller.poll(batch, runId, false);
			checked += batch.size();
		}
		if (claims.completeRun(runId)) {
			log.info("Poll run {} completed", runId);
		}
		log.debug("Worker {} of poll run {} checked {} accounts", context.getJobDetail().getKey(), runId, checked);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a poll run", ex);
		}
	}

}
