package org.vigia.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.vigia.ClusterNode;
import org.vigia.IntegrationTest;

/**
 * The Jetstream consumer is one Quartz job that runs on one node at a time; a second node, in a child JVM, holds it
 * and is killed, and this node takes it over. Production's check-in interval, as application.yml sets it.
 */
@IntegrationTest
@TestPropertySource(properties = {
		"vigia.platforms.bluesky.jetstream-url=http://127.0.0.1:9/parent/subscribe",
		"spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=5000",
		"spring.quartz.properties.org.quartz.scheduler.idleWaitTime=2000" })
class BlueskyPushFailoverTests {

	static final JobKey PUSH = JobKey.jobKey("bluesky-push", "polling");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	Scheduler scheduler;

	Process child;

	@AfterEach
	void stopChild() throws Exception {
		if (child != null && child.isAlive()) {
			child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		if (scheduler.isInStandbyMode()) {
			scheduler.start();
		}
	}

	/** The cluster node whose thread runs the consumer now, or null. */
	String holder() {
		return jdbc.sql("""
				select instance_name from qrtz_fired_triggers
				where sched_name = :name and job_name = 'bluesky-push' and state = 'EXECUTING'
				""").param("name", schedulerName()).query(String.class).optional().orElse(null);
	}

	String schedulerName() {
		try {
			return scheduler.getSchedulerName();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	String awaitHolder(java.util.function.Predicate<String> wanted, Duration timeout) throws InterruptedException {
		var deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			var holder = holder();
			if (holder != null && wanted.test(holder)) {
				return holder;
			}
			Thread.sleep(250);
		}
		return holder();
	}

	@Test
	void aNodeKilledWhileItHoldsTheConsumerIsReplacedWithinAMinute() throws Exception {
		var self = scheduler.getSchedulerInstanceId();
		// This node lets go of the consumer and stops taking triggers, so that the child takes the consumer.
		scheduler.standby();
		// A trigger acquired just before the standby may still fire here once: interrupt until this node lets go.
		var released = Instant.now().plusSeconds(30);
		do {
			scheduler.interrupt(PUSH);
			Thread.sleep(250);
		}
		while (self.equals(holder()) && Instant.now().isBefore(released));
		child = ClusterNode.start((HikariDataSource) dataSource, schedulerName(),
				"--vigia.platforms.bluesky.jetstream-url=http://127.0.0.1:9/child/subscribe");
		ClusterNode.awaitNodes(jdbc, schedulerName(), child, 2, Duration.ofMinutes(3));
		var childHolder = awaitHolder(holder -> !holder.equals(self), Duration.ofMinutes(1));
		assertThat(childHolder).as("the child node holds the consumer").isNotNull().isNotEqualTo(self);
		scheduler.start();
		Thread.sleep(3000);
		assertThat(holder()).as("a second node waits while the first holds the consumer").isEqualTo(childHolder);

		child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		var killedAt = Instant.now();
		var newHolder = awaitHolder(self::equals, Duration.ofSeconds(90));
		var takeover = Duration.between(killedAt, Instant.now());

		System.out.printf("%nJetstream consumer fail-over: taken over %.1f s after the holder was killed%n",
				takeover.toMillis() / 1000.0);
		assertThat(newHolder).isEqualTo(self);
		assertThat(takeover).isLessThan(Duration.ofMinutes(1));
		// The fired-trigger row comes before the job runs in this JVM, and a consumer whose connection fails ends
		// and is fired again: wait a little to see it running here rather than sample one instant.
		var running = Instant.now().plusSeconds(15);
		while (scheduler.getCurrentlyExecutingJobs().stream().noneMatch(job -> job.getJobDetail().getKey().equals(PUSH))
				&& Instant.now().isBefore(running)) {
			Thread.sleep(100);
		}
		assertThat(scheduler.getCurrentlyExecutingJobs()).anyMatch(job -> job.getJobDetail().getKey().equals(PUSH));
	}

}
