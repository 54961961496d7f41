package org.vigia.health;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sweep job, the health snapshot's refresh and their triggers, picked up by the scheduler with the other modules' jobs. */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	@Bean
	JobDetail healthSweepJob() {
		return JobBuilder.newJob(HealthSweepJob.class).withIdentity("sweep", "health").storeDurably().build();
	}

	@Bean
	@ConditionalOnProperty(name = "vigia.health.sweep-enabled", matchIfMissing = true)
	Trigger healthSweepTrigger(JobDetail healthSweepJob, HealthProperties properties) {
		return TriggerBuilder.newTrigger()
			.withIdentity("sweep", "health")
			.forJob(healthSweepJob)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(properties.sweepInterval().toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

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

}
