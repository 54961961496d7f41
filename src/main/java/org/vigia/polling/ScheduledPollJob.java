package org.vigia.polling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * One shard of the scheduled polling: at every tick, checks the accounts that are due, batch by batch. Several shards
 * run at once on different nodes; the claims keep them from checking an account twice.
 */
@DisallowConcurrentExecution
class ScheduledPollJob extends QuartzJobBean {

	private static final Logger log = LoggerFactory.getLogger(ScheduledPollJob.class);

	private final Claims claims;

	private final AccountPoller poller;

	ScheduledPollJob(Claims claims, AccountPoller poller) {
		this.claims = claims;
		this.poller = poller;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		int seeded = claims.seedNewAccounts();
		if (seeded > 0) {
			log.info("{} new accounts will be checked within the polling interval", seeded);
		}
		int checked = 0;
		for (var batch = claims.claimDueAccounts(); !batch.isEmpty(); batch = claims.claimDueAccounts()) {
			poller.poll(batch, null, true);
			checked += batch.size();
		}
		if (checked > 0) {
			log.info("{} checked {} due accounts", context.getJobDetail().getKey().getName(), checked);
		}
	}

}
