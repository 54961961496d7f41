package org.vigia.overview;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Brings the health snapshot up to date every minute, whether or not anyone looks at the dashboard and whether or not
 * the sweep runs: the accounts that checks and findings noted do not pile up between page views.
 */
@DisallowConcurrentExecution
class HealthSnapshotJob extends QuartzJobBean {

	private final HealthSnapshot snapshot;

	HealthSnapshotJob(HealthSnapshot snapshot) {
		this.snapshot = snapshot;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		snapshot.refresh();
	}

}
