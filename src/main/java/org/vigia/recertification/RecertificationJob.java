package org.vigia.recertification;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Starts, reminds and closes the recertification rounds that are due; one node of the cluster at a time. */
@DisallowConcurrentExecution
class RecertificationJob extends QuartzJobBean {

	private final Campaigns campaigns;

	RecertificationJob(Campaigns campaigns) {
		this.campaigns = campaigns;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		campaigns.run();
	}

}
