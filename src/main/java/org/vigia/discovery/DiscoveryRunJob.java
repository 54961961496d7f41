package org.vigia.discovery;

import java.time.Duration;

import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The worker of a discovery run: examines the run's organizations one after the other until none is left. It requests
 * recovery, so a dead node's run is restarted elsewhere and goes on from the organizations not done yet.
 */
class DiscoveryRunJob extends QuartzJobBean {

	static final String RUN_ID = "runId";

	private static final Logger log = LoggerFactory.getLogger(DiscoveryRunJob.class);

	private final DiscoveryRuns runs;

	private final Discoverer discoverer;

	DiscoveryRunJob(DiscoveryRuns runs, Discoverer discoverer) {
		this.runs = runs;
		this.discoverer = discoverer;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		long runId = context.getMergedJobDataMap().getLong(RUN_ID);
		while (true) {
			var organizationId = runs.claim(runId);
			if (organizationId == null) {
				if (!runs.hasPending(runId)) {
					break;
				}
				// Another worker (a recovered one) holds the rest; wait in case its lease expires.
				sleep(Duration.ofSeconds(1));
				continue;
			}
			DiscoveryRuns.OrganizationReport report;
			try {
				report = discoverer.discover(organizationId);
			}
			catch (RuntimeException ex) {
				// One organization's failure must not cost the others their examination.
				log.warn("Discovery run {} could not examine organization {}", runId, organizationId, ex);
				report = DiscoveryRuns.OrganizationReport
					.failure("organization " + organizationId + ": " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
			runs.done(runId, organizationId, report);
		}
		var run = runs.complete(runId);
		if (run != null) {
			log.info("Discovery run {} {}: {} organizations, {} searches, {} probes ({} unanswered), {} candidates, "
					+ "{} impersonations, {} unregistered, {} errors", runId, run.status(), run.total(), run.searches(),
					run.probes(), run.unanswered(), run.candidates(), run.impersonations(), run.unregistered(),
					run.errors());
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a discovery run", ex);
		}
	}

}
