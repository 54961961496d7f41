package org.vigia.health;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The periodic sweep; one node of the cluster runs it at a time. */
@DisallowConcurrentExecution
class HealthSweepJob extends QuartzJobBean {

	private final HealthSweep sweep;

	private final HealthSnapshot snapshot;

	HealthSweepJob(HealthSweep sweep, HealthSnapshot snapshot) {
		this.sweep = sweep;
		this.snapshot = snapshot;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		sweep.sweep();
		// What the sweep and the checks since the last page view changed, so that the next page view finds little to do.
		snapshot.refresh();
	}

}
