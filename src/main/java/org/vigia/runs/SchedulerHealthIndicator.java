package org.vigia.runs;

import java.time.Duration;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code scheduler} health: this node's Quartz scheduler is started, neither in standby nor shut down, and checks
 * in to its job store often enough that the other nodes do not take it for dead (the rule of {@link ClusterNodes}).
 * Part of readiness, not of liveness (see application.yml): restarting a node does not bring its database back.
 */
@Component
class SchedulerHealthIndicator implements HealthIndicator {

	private final Scheduler scheduler;

	private final ClusterNodes nodes;

	private final JdbcClient jdbc;

	SchedulerHealthIndicator(Scheduler scheduler, ClusterNodes nodes, JdbcClient jdbc) {
		this.scheduler = scheduler;
		this.nodes = nodes;
		this.jdbc = jdbc;
	}

	@Override
	public Health health() {
		try {
			var state = scheduler.isShutdown() ? "shut down"
					: !scheduler.isStarted() ? "not started" : scheduler.isInStandbyMode() ? "in standby" : "started";
			var health = Health.up().withDetail("instance", nodes.instanceId()).withDetail("state", state);
			if (!state.equals("started")) {
				return health.down().build();
			}
			record CheckIn(long at, long interval) {
			}
			var checkIn = jdbc.sql("""
					select last_checkin_time, checkin_interval from qrtz_scheduler_state
					where sched_name = :schedulerName and instance_name = :instanceId
					""")
				.param("schedulerName", nodes.schedulerName())
				.param("instanceId", nodes.instanceId())
				.query((rs, row) -> new CheckIn(rs.getLong(1), rs.getLong(2)))
				.optional();
			if (checkIn.isEmpty()) {
				return health.down().withDetail("checkIn", "none: the cluster does not know this node").build();
			}
			var age = Duration.ofMillis(Math.max(0, ClusterNodes.QUARTZ_CLOCK.millis() - checkIn.get().at()));
			health.withDetail("lastCheckIn", age.toMillis() + " ms ago");
			if (age.toMillis() > checkIn.get().interval() + ClusterNodes.MARGIN_MILLIS) {
				return health.down().withDetail("checkIn", "late: the other nodes take this one for dead").build();
			}
			return health.build();
		}
		catch (SchedulerException | DataAccessException ex) {
			return Health.down(ex).withDetail("instance", nodes.instanceId()).build();
		}
	}

}
