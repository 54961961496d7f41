package org.vigia.overview;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health snapshot's refresh: every minute, and right after each health sweep; and its reconcile over every account,
 * every ten minutes. The refresh job keeps its Quartz identity and its switch
 * ({@code vigia.health.snapshot-refresh-enabled}, which switches the reconcile too) from when it lived in health.
 */
@Configuration(proxyBeanMethods = false)
class OverviewConfiguration {

	@Bean
	JobDetail healthSnapshotJob() {
		return JobBuilder.newJob(HealthSnapshotJob.class).withIdentity("snapshot", "health").storeDurably().build();
	}

	/**
	 * Every minute, on one node of the cluster at a time; a missed one is simply the next one. Tests that empty tables
	 * with TRUNCATE switch it off ({@code vigia.health.snapshot-refresh-enabled=false}): a refresh running meanwhile
	 * deadlocks with the truncation.
	 */
	@Bean
	@ConditionalOnProperty(name = "vigia.health.snapshot-refresh-enabled", matchIfMissing = true)
	Trigger healthSnapshotTrigger(JobDetail healthSnapshotJob) {
		return TriggerBuilder.newTrigger()
			.withIdentity("snapshot", "health")
			.forJob(healthSnapshotJob)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInSeconds(60)
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

	@Bean
	JobDetail healthReconcileJob() {
		return JobBuilder.newJob(HealthReconcileJob.class).withIdentity("reconcile", "overview").storeDurably().build();
	}

	/** Every ten minutes, on one node of the cluster at a time; a missed one is simply the next one. */
	@Bean
	@ConditionalOnProperty(name = "vigia.health.snapshot-refresh-enabled", matchIfMissing = true)
	Trigger healthReconcileTrigger(JobDetail healthReconcileJob) {
		return TriggerBuilder.newTrigger()
			.withIdentity("reconcile", "overview")
			.forJob(healthReconcileJob)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMinutes(10)
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

}
