package org.vigia.health;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sweep job and its trigger, picked up by the scheduler with the other modules' jobs. */
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

}
