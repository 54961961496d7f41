package org.vigia.discovery;

import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The scheduled discovery job and its daily trigger, picked up by the scheduler with the other modules' jobs. */
@Configuration(proxyBeanMethods = false)
class DiscoveryConfiguration {

	@Bean
	JobDetail scheduledDiscoveryJob() {
		return JobBuilder.newJob(ScheduledDiscoveryJob.class).withIdentity("scheduled", "discovery").storeDurably().build();
	}

	@Bean
	@ConditionalOnProperty(name = "vigia.discovery.schedule-enabled", matchIfMissing = true)
	Trigger scheduledDiscoveryTrigger(JobDetail scheduledDiscoveryJob, DiscoveryProperties properties) {
		// A run missed while the cluster was down starts once when it is back.
		return TriggerBuilder.newTrigger()
			.withIdentity("scheduled", "discovery")
			.forJob(scheduledDiscoveryJob)
			.withSchedule(CronScheduleBuilder.cronSchedule(properties.cron())
				.inTimeZone(TimeZone.getTimeZone(properties.zone()))
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
	}

}
