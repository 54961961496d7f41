package org.vigia.polling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Holds the Jetstream consumer for as long as this node runs: its trigger fires every few seconds on every node, but
 * the job runs on one at a time, and Quartz recovers it on another node when the holder's node stops checking in.
 */
@DisallowConcurrentExecution
class BlueskyPushJob implements Job, InterruptableJob {

	private final BlueskyPush push;

	private volatile boolean interrupted;

	BlueskyPushJob(BlueskyPush push) {
		this.push = push;
	}

	@Override
	public void execute(JobExecutionContext context) {
		push.run(() -> !interrupted);
	}

	@Override
	public void interrupt() {
		interrupted = true;
	}

}
