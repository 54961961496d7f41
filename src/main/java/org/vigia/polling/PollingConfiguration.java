package org.vigia.polling;

import java.util.ArrayList;
import java.util.List;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vigia.platform.PlatformProperties;

/**
 * The coarse Quartz jobs of polling: a few shard jobs that check due accounts at every tick, one that sees the poll
 * runs their workers left to their end at every tick, and a nightly job that prunes the history. Few triggers keep
 * the cluster's trigger lock cool, whatever the number of accounts.
 */
@Configuration(proxyBeanMethods = false)
class PollingConfiguration {

	/**
	 * Polling's jobs and triggers, plus those other modules declare as beans (Boot would register those alone, but a
	 * customizer replaces them, so they are added here).
	 */
	@Bean
	SchedulerFactoryBeanCustomizer pollingJobsAndTriggers(PollingProperties properties, PlatformProperties platforms,
			ObjectProvider<JobDetail> otherJobs, ObjectProvider<Trigger> otherTriggers) {
		return factory -> {
			var jobs = jobs(properties);
			otherJobs.orderedStream().forEach(jobs::add);
			var triggers = triggers(properties);
			if (!platforms.bluesky().jetstreamUrl().isEmpty()) {
				// Recovery puts the consumer back on a live node when its node dies while holding it.
				jobs.add(JobBuilder.newJob(BlueskyPushJob.class)
					.withIdentity("bluesky-push", "polling")
					.storeDurably()
					.requestRecovery()
					.build());
				triggers.add(TriggerBuilder.newTrigger()
					.withIdentity("bluesky-push", "polling")
					.forJob("bluesky-push", "polling")
					.withSchedule(SimpleScheduleBuilder.simpleSchedule()
						.withIntervalInSeconds(15)
						.repeatForever()
						.withMisfireHandlingInstructionNextWithRemainingCount())
					.build());
			}
			otherTriggers.orderedStream().forEach(triggers::add);
			factory.setJobDetails(jobs.toArray(JobDetail[]::new));
			factory.setTriggers(triggers.toArray(Trigger[]::new));
		};
	}

	private static List<JobDetail> jobs(PollingProperties properties) {
		var jobs = new ArrayList<JobDetail>();
		for (int shard = 0; shard < properties.shards(); shard++) {
			jobs.add(JobBuilder.newJob(ScheduledPollJob.class)
				.withIdentity("poll-shard-" + shard, "polling")
				.storeDurably()
				.build());
		}
		jobs.add(JobBuilder.newJob(FinishLeftRunsJob.class)
			.withIdentity("finish-left-runs", "polling")
			.storeDurably()
			.build());
		jobs.add(JobBuilder.newJob(PruneHistoryJob.class).withIdentity("prune-history", "polling").storeDurably().build());
		return jobs;
	}

	private static List<Trigger> triggers(PollingProperties properties) {
		var triggers = new ArrayList<Trigger>();
		if (properties.scheduleEnabled()) {
			for (int shard = 0; shard < properties.shards(); shard++) {
				triggers.add(TriggerBuilder.newTrigger()
					.withIdentity("poll-shard-" + shard, "polling")
					.forJob("poll-shard-" + shard, "polling")
					.withSchedule(SimpleScheduleBuilder.simpleSchedule()
						.withIntervalInMilliseconds(properties.tick().toMillis())
						.repeatForever()
						.withMisfireHandlingInstructionNextWithRemainingCount())
					.build());
			}
		}
		// Also with the schedule off: a run started through the API must end all the same.
		triggers.add(TriggerBuilder.newTrigger()
			.withIdentity("finish-left-runs", "polling")
			.forJob("finish-left-runs", "polling")
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(properties.tick().toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build());
		triggers.add(TriggerBuilder.newTrigger()
			.withIdentity("prune-history", "polling")
			.forJob("prune-history", "polling")
			.withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(3, 30))
			.build());
		return triggers;
	}

}
