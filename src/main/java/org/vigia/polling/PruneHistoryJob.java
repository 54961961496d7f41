package org.vigia.polling;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Deletes checks older than the history retention, and the profile snapshots no longer referenced. */
@DisallowConcurrentExecution
class PruneHistoryJob extends QuartzJobBean {

	private static final Logger log = LoggerFactory.getLogger(PruneHistoryJob.class);

	private final JdbcClient jdbc;

	private final PollingProperties properties;

	private final Clock clock;

	PruneHistoryJob(JdbcClient jdbc, PollingProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		var cutoff = OffsetDateTime.ofInstant(clock.instant().minus(properties.historyRetention()), ZoneOffset.UTC);
		int checks = jdbc.sql("delete from account_check where checked_at < :cutoff").param("cutoff", cutoff).update();
		int snapshots = jdbc.sql("""
				delete from profile_snapshot p
				where p.seen_at < :cutoff
				  and not exists (select 1 from account_check c where c.profile_id = p.id)
				  and not exists (select 1 from account_state s where s.profile_id = p.id)
				""").param("cutoff", cutoff).update();
		log.info("Pruned {} checks and {} profile snapshots older than {}", checks, snapshots, cutoff);
	}

}
