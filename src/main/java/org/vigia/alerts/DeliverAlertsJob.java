package org.vigia.alerts;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Composes due alerts into mails and sends the pending ones; one node of the cluster at a time. */
@DisallowConcurrentExecution
class DeliverAlertsJob extends QuartzJobBean {

	private final AlertComposer composer;

	private final AlertSender sender;

	DeliverAlertsJob(AlertComposer composer, AlertSender sender) {
		this.composer = composer;
		this.sender = sender;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		composer.compose();
		sender.send();
	}

}
