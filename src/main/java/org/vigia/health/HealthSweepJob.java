package org.vigia.health;

import java.time.Clock;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The periodic sweep; one node of the cluster runs it at a time. */
@DisallowConcurrentExecution
class HealthSweepJob extends QuartzJobBean {

	private final HealthSweep sweep;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	HealthSweepJob(HealthSweep sweep, ApplicationEventPublisher events, Clock clock) {
		this.sweep = sweep;
		this.events = events;
		this.clock = clock;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		sweep.sweep();
		// Outside the sweep's transactions: the read side refreshes its snapshot now, so that the next page view finds
		// little to do.
		events.publishEvent(new HealthSwept(clock.instant()));
	}

}
