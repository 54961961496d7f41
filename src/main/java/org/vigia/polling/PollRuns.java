package org.vigia.polling;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Starts poll runs and reports their progress; the work itself is done by Quartz jobs on any node of the cluster. */
@Service
public class PollRuns {

	private final JdbcClient jdbc;

	private final Scheduler scheduler;

	private final PollingProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	PollRuns(JdbcClient jdbc, Scheduler scheduler, PollingProperties properties, Clock clock,
			TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.scheduler = scheduler;
		this.properties = properties;
		this.clock = clock;
		this.transactions = transactions;
	}

	/**
	 * Starts a run over the given active accounts, or over every active account when none are given.
	 * @throws UnknownAccountsException when some ids are not active accounts; nothing is started then
	 */
	public PollRun start(@Nullable List<Long> accountIds) {
		long runId = Objects.requireNonNull(transactions.execute(status -> create(accountIds)));
		var run = get(runId);
		if (run.total() > 0) {
			int workers = Math.max(1, Math.min(2 * properties.shards(),
					(run.total() + properties.batchSize() - 1) / properties.batchSize()));
			try {
				// After the commit, so that no worker looks for a run it cannot see yet.
				schedule(runId, workers);
			}
			catch (SchedulerException ex) {
				jdbc.sql("update poll_run set status = 'FAILED', finished_at = :now where id = :id")
					.param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
					.param("id", runId)
					.update();
				throw new IllegalStateException("Could not schedule poll run " + runId, ex);
			}
		}
		return run;
	}

	private long create(@Nullable List<Long> accountIds) {
		var now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		long runId = jdbc.sql("""
				insert into poll_run (status, trigger, total, started_at) values ('RUNNING', 'MANUAL', 0, :now)
				returning id
				""").param("now", now).query(Long.class).single();
		int total;
		if (accountIds == null) {
			total = jdbc.sql("""
					insert into poll_run_account (run_id, account_id)
					select :runId, id from account where status = 'ACTIVE'
					""").param("runId", runId).update();
		}
		else {
			var wanted = new LinkedHashSet<>(accountIds).toArray(Long[]::new);
			total = jdbc.sql("""
					insert into poll_run_account (run_id, account_id)
					select :runId, id from account where status = 'ACTIVE' and id = any(:ids)
					""").param("runId", runId).param("ids", wanted).update();
			if (total != wanted.length) {
				var found = jdbc.sql("select account_id from poll_run_account where run_id = :runId")
					.param("runId", runId)
					.query(Long.class)
					.set();
				var missing = new ArrayList<Long>();
				for (var id : wanted) {
					if (!found.contains(id)) {
						missing.add(id);
					}
				}
				throw new UnknownAccountsException(missing);
			}
		}
		jdbc.sql("update poll_run set total = :total, status = case when :total = 0 then 'COMPLETED' else status end, "
				+ "finished_at = case when :total = 0 then started_at end where id = :runId")
			.param("total", total)
			.param("runId", runId)
			.update();
		return runId;
	}

	private void schedule(long runId, int workers) throws SchedulerException {
		for (int worker = 0; worker < workers; worker++) {
			var job = JobBuilder.newJob(PollRunJob.class)
				.withIdentity("run-" + runId + "-" + worker, "poll-runs")
				.usingJobData(PollRunJob.RUN_ID, runId)
				.requestRecovery(true)
				.build();
			// Staggered, so that the other nodes' schedulers, polling for due triggers, get some of the workers. In
			// Quartz's time, the system's: a trigger placed by another clock would be a misfire, fired late.
			var trigger = TriggerBuilder.newTrigger()
				.withIdentity("run-" + runId + "-" + worker, "poll-runs")
				.startAt(new Date(System.currentTimeMillis() + 250L * worker))
				.build();
			scheduler.scheduleJob(job, trigger);
		}
	}

	/** A run and its progress. */
	@Transactional(readOnly = true)
	public PollRun get(long id) {
		return jdbc.sql(SELECT + " where r.id = :id").param("id", id).query(PollRuns::run).optional()
			.orElseThrow(() -> new PollRunNotFoundException(id));
	}

	/** Runs, newest first. */
	@Transactional(readOnly = true)
	public Page<PollRun> list(Pageable pageable) {
		var content = jdbc.sql(SELECT + " order by r.id desc limit :limit offset :offset")
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(PollRuns::run)
			.list();
		long total = jdbc.sql("select count(*) from poll_run").query(Long.class).single();
		return new PageImpl<>(content, pageable, total);
	}

	private static final String SELECT = """
			select r.id, r.status, r.trigger, r.total, r.started_at, r.finished_at,
			       (select count(*) from poll_run_account p where p.run_id = r.id and p.done) as checked,
			       (select count(*) from poll_run_account p where p.run_id = r.id and p.done
			                                                  and p.outcome in ('ERROR', 'RATE_LIMITED')) as failed
			from poll_run r""";

	private static PollRun run(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		var finished = rs.getTimestamp("finished_at");
		return new PollRun(rs.getLong("id"), PollRun.Status.valueOf(rs.getString("status")),
				PollRun.Trigger.valueOf(rs.getString("trigger")), rs.getInt("total"), rs.getInt("checked"),
				rs.getInt("failed"), rs.getTimestamp("started_at").toInstant(),
				finished == null ? null : finished.toInstant());
	}

}
