package org.vigia.health;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The periodic sweep; one node of the cluster runs it at a time. */
@DisallowConcurrentExecution
class HealthSweepJob extends QuartzJobBean {

	private final HealthSweep sweep;

	HealthSweepJob(HealthSweep sweep) {
		this.sweep = sweep;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		sweep.sweep();
	}

}
