package org.vigia.discovery;

import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.quartz.QuartzJobBean;
import org.vigia.platform.Message;
import org.vigia.runs.Runs;

/**
 * The worker of a discovery run: examines the run's organizations one after the other until none is left. It requests
 * recovery, so a dead node's run is restarted elsewhere and goes on from the organizations not done yet.
 */
class DiscoveryRunJob extends QuartzJobBean {

	private static final Logger log = LoggerFactory.getLogger(DiscoveryRunJob.class);

	private final Runs runs;

	private final DiscoveryRuns discoveryRuns;

	private final Discoverer discoverer;

	DiscoveryRunJob(Runs runs, DiscoveryRuns discoveryRuns, Discoverer discoverer) {
		this.runs = runs;
		this.discoveryRuns = discoveryRuns;
		this.discoverer = discoverer;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		long runId = context.getMergedJobDataMap().getLong(Runs.RUN_ID);
		runs.work(discoveryRuns.kind(), runId, organizations -> organizations.forEach(organizationId -> {
			DiscoveryRuns.OrganizationReport report;
			try {
				report = discoverer.discover(organizationId);
			}
			catch (RuntimeException ex) {
				// One organization's failure must not cost the others their examination.
				log.warn("Discovery run {} could not examine organization {}", runId, organizationId, ex);
				report = DiscoveryRuns.OrganizationReport
					.failure(Message.of("discovery.error.organization", String.valueOf(organizationId),
							ex.getClass().getSimpleName() + ": " + ex.getMessage()).encode());
			}
			discoveryRuns.done(runId, organizationId, report);
		}));
		var run = discoveryRuns.complete(runId);
		if (run != null) {
			log.info("Discovery run {} {}: {} organizations, {} searches, {} probes ({} unanswered), {} candidates, "
					+ "{} impersonations, {} unregistered, {} errors", runId, run.status(), run.total(), run.searches(),
					run.probes(), run.unanswered(), run.candidates(), run.impersonations(), run.unregistered(),
					run.errors());
		}
	}

}
