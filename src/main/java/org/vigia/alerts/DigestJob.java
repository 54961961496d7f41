package org.vigia.alerts;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Composes the daily digests and sends them; one node of the cluster at a time. */
@DisallowConcurrentExecution
class DigestJob extends QuartzJobBean {

	private final DigestComposer composer;

	private final AlertSender sender;

	DigestJob(DigestComposer composer, AlertSender sender) {
		this.composer = composer;
		this.sender = sender;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		composer.compose();
		sender.send();
	}

}
