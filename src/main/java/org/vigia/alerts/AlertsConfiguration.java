package org.vigia.alerts;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delivery job and its trigger. */
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

}
