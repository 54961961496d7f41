package org.vigia.connections;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The hourly pass of {@link ConnectionLifecycle}; one node of the cluster runs it at a time. */
@DisallowConcurrentExecution
class ConnectionLifecycleJob extends QuartzJobBean {

	private final ConnectionLifecycle lifecycle;

	ConnectionLifecycleJob(ConnectionLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		lifecycle.run();
	}

}
