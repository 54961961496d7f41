package org.vigia.discovery;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Starts the scheduled discovery run over every organization, unless one is still running; a run its worker left is
 * first given a worker again (or finished, when nothing is left to examine).
 */
@DisallowConcurrentExecution
class ScheduledDiscoveryJob extends QuartzJobBean {

	private static final Logger log = LoggerFactory.getLogger(ScheduledDiscoveryJob.class);

	private final DiscoveryRuns runs;

	ScheduledDiscoveryJob(DiscoveryRuns runs) {
		this.runs = runs;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		runs.finishLeftRuns();
		var running = runs.running();
		if (running != null) {
			log.info("Scheduled discovery skipped: run {} is still running", running);
			return;
		}
		var run = runs.start(null, DiscoveryRun.Trigger.SCHEDULED);
		log.info("Scheduled discovery run {} started over {} organizations", run.id(), run.total());
	}

}
