package org.vigia.runs;

import java.time.Clock;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The nodes of the Quartz cluster as Quartz itself judges them, so that claims die with their node: a scheduler
 * instance is dead once its row in {@code qrtz_scheduler_state} has not checked in for its check-in interval plus
 * 7.5 s, the interval stretched by however long this node itself has not checked in (a node that was paused must not
 * declare the others dead). That is {@code JobStoreSupport.calcFailedIfAfter}, the rule by which Quartz recovers a
 * dead node's jobs; a node whose row is gone (Quartz deletes it once it recovered the node) is dead too.
 */
@Component
public class ClusterNodes {

	/** Quartz's margin on top of a node's check-in interval. */
	public static final long MARGIN_MILLIS = 7_500;

	/**
	 * Quartz's own clock: it stamps check-ins and fires triggers by the system's time, so whatever is compared with
	 * those must read the same clock, never the application's (a test moves that one).
	 */
	public static final Clock QUARTZ_CLOCK = Clock.systemUTC();

	private final String schedulerName;

	private final String instanceId;

	ClusterNodes(Scheduler scheduler) throws SchedulerException {
		this.schedulerName = scheduler.getSchedulerName();
		this.instanceId = scheduler.getSchedulerInstanceId();
	}

	/** This node's scheduler instance id, which its claims carry. */
	public String instanceId() {
		return instanceId;
	}

	public String schedulerName() {
		return schedulerName;
	}

	/**
	 * A condition on the node named by a column or expression: true while it is alive. Its statement must bind the
	 * parameters of {@link #bind}.
	 */
	public static String alive(String instance) {
		return """
				exists (select 1 from qrtz_scheduler_state node
				        where node.sched_name = :schedulerName and node.instance_name = %s
				          and node.last_checkin_time + greatest(node.checkin_interval, :quartzNow - coalesce(
				                  (select own.last_checkin_time from qrtz_scheduler_state own
				                   where own.sched_name = :schedulerName and own.instance_name = :instanceId),
				                  :quartzNow)) + %d >= :quartzNow)""".formatted(instance, MARGIN_MILLIS);
	}

	/**
	 * A claim on a row with {@code lease_until} and {@code claimed_by} (qualified by the alias given) is void when
	 * nobody holds it, its lease ran out, or its node is dead. A claim that names no node (taken before nodes were
	 * named) lasts its lease.
	 */
	public static String voidClaim(String alias) {
		return "(%1$s.lease_until is null or %1$s.lease_until < :now or (%1$s.claimed_by is not null and not %2$s))"
			.formatted(alias, alive(alias + ".claimed_by"));
	}

	/** Binds what {@link #alive} needs; Quartz's check-in times are the system's, never a test clock's. */
	public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
		return statement.param("schedulerName", schedulerName)
			.param("instanceId", instanceId)
			.param("quartzNow", QUARTZ_CLOCK.millis());
	}

}
