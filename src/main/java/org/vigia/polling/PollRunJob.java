package org.vigia.polling;

import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.vigia.runs.Runs;

/**
 * One worker of a poll run: claims batches of the run's accounts until none is left; requests recovery, so a dead
 * node's worker is restarted elsewhere and takes over the accounts of the dead node, whose claims are void. A worker
 * stopped by an error notes it on the run; the cluster gives the run new workers (see {@link PollRuns#finishLeftRuns}).
 */
class PollRunJob extends QuartzJobBean {

	private static final Logger log = LoggerFactory.getLogger(PollRunJob.class);

	private final Runs runs;

	private final PollRuns pollRuns;

	private final AccountPoller poller;

	PollRunJob(Runs runs, PollRuns pollRuns, AccountPoller poller) {
		this.runs = runs;
		this.pollRuns = pollRuns;
		this.poller = poller;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		long runId = context.getMergedJobDataMap().getLong(Runs.RUN_ID);
		int checked = runs.work(pollRuns.kind(), runId, batch -> poller.poll(batch, runId, false));
		if (pollRuns.complete(runId)) {
			log.info("Poll run {} completed", runId);
		}
		log.debug("Worker {} of poll run {} checked {} accounts", context.getJobDetail().getKey(), runId, checked);
	}

}
