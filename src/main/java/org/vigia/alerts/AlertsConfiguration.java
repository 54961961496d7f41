package org.vigia.alerts;

import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delivery job, the daily digest and the weekly report, and their triggers: all on schedule unless
 * {@code vigia.alerts.delivery-enabled} is false. A digest or report missed while the cluster was down is composed once
 * when it is back.
 */
@Configuration(proxyBeanMethods = false)
class AlertsConfiguration {

	@Bean
	JobDetail deliverAlertsJob() {
		return JobBuilder.newJob(DeliverAlertsJob.class).withIdentity("deliver", "alerts").storeDurably().build();
	}

	@Bean
	@ConditionalOnProperty(name = "vigia.alerts.delivery-enabled", matchIfMissing = true)
	Trigger deliverAlertsTrigger(JobDetail deliverAlertsJob, AlertsProperties properties) {
		return TriggerBuilder.newTrigger()
			.withIdentity("deliver", "alerts")
			.forJob(deliverAlertsJob)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(properties.deliveryInterval().toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

	@Bean
	JobDetail digestJob() {
		return JobBuilder.newJob(DigestJob.class).withIdentity("digest", "alerts").storeDurably().build();
	}

	@Bean
	@ConditionalOnProperty(name = "vigia.alerts.delivery-enabled", matchIfMissing = true)
	Trigger digestTrigger(JobDetail digestJob, AlertsProperties properties) {
		return cron("digest", digestJob, properties.digestCron(), properties);
	}

	@Bean
	JobDetail reportJob() {
		return JobBuilder.newJob(ReportJob.class).withIdentity("report", "alerts").storeDurably().build();
	}

	@Bean
	@ConditionalOnProperty(name = "vigia.alerts.delivery-enabled", matchIfMissing = true)
	Trigger reportTrigger(JobDetail reportJob, AlertsProperties properties) {
		return cron("report", reportJob, properties.reportCron(), properties);
	}

	private static Trigger cron(String name, JobDetail job, String expression, AlertsProperties properties) {
		return TriggerBuilder.newTrigger()
			.withIdentity(name, "alerts")
			.forJob(job)
			.withSchedule(CronScheduleBuilder.cronSchedule(expression)
				.inTimeZone(TimeZone.getTimeZone(properties.zone()))
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
	}

}
