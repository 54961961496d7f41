package org.vigia.overview;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Reconciles the health snapshot with every account's health every ten minutes: the events keep it true as writers
 * change things, and this catches what no event told (a change made by hand in the database, a truncation).
 */
@DisallowConcurrentExecution
class HealthReconcileJob extends QuartzJobBean {

	private static final Logger log = LoggerFactory.getLogger(HealthReconcileJob.class);

	private final HealthSnapshot snapshot;

	HealthReconcileJob(HealthSnapshot snapshot) {
		this.snapshot = snapshot;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		int changed = snapshot.reconcile();
		if (changed > 0) {
			// Also counts accounts noted since the last refresh: a figure that stays high names a writer without its event.
			log.info("The health snapshot's reconcile brought {} accounts up to date", changed);
		}
	}

}
