package org.vigia.alerts;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Composes the weekly reports and sends them; one node of the cluster at a time. */
@DisallowConcurrentExecution
class ReportJob extends QuartzJobBean {

	private final ReportComposer composer;

	private final AlertSender sender;

	ReportJob(ReportComposer composer, AlertSender sender) {
		this.composer = composer;
		this.sender = sender;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		composer.compose();
		sender.send();
	}

}
