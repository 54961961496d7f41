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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts poll runs and reports their progress; the work itself is done by Quartz jobs on any node of the cluster, and
 * the cluster sees every run to its end (see {@link #finishLeftRuns}).
 */
@Service
public class PollRuns {

	private static final Logger log = LoggerFactory.getLogger(PollRuns.class);

	/** Restarts in a row that check no account, after which a run is given up as FAILED. */
	static final int MAX_RESTARTS = 3;

	static final String WORKER_GROUP = "poll-runs";

	private final JdbcClient jdbc;

	private final Scheduler scheduler;

	private final PollingProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final String schedulerName;

	PollRuns(JdbcClient jdbc, Scheduler scheduler, PollingProperties properties, Clock clock,
			TransactionTemplate transactions) throws SchedulerException {
		this.schedulerName = scheduler.getSchedulerName();
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
			try {
				// After the commit, so that no worker looks for a run it cannot see yet.
				schedule(runId, run.total(), "");
			}
			catch (SchedulerException ex) {
				fail(runId, PollRun.Reason.NOT_SCHEDULED, ex.getMessage());
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
					select :runId, id from registry_accounts account where status = 'ACTIVE'
					""").param("runId", runId).update();
		}
		else {
			var wanted = new LinkedHashSet<>(accountIds).toArray(Long[]::new);
			total = jdbc.sql("""
					insert into poll_run_account (run_id, account_id)
					select :runId, id from registry_accounts account where status = 'ACTIVE' and id = any(:ids)
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

	/**
	 * Hands the run's workers to Quartz, enough for the accounts left. Their names begin with {@code run-<id>-}: that
	 * is how {@link #finishLeftRuns} tells a run that still has workers.
	 */
	private void schedule(long runId, int accounts, String generation) throws SchedulerException {
		int workers = Math.max(1,
				Math.min(2 * properties.shards(), (accounts + properties.batchSize() - 1) / properties.batchSize()));
		for (int worker = 0; worker < workers; worker++) {
			var name = "run-" + runId + "-" + generation + worker;
			var job = JobBuilder.newJob(PollRunJob.class)
				.withIdentity(name, WORKER_GROUP)
				.usingJobData(PollRunJob.RUN_ID, runId)
				.requestRecovery(true)
				.build();
			// Staggered, so that the other nodes' schedulers, polling for due triggers, get some of the workers. In
			// Quartz's time, the system's: a trigger placed by another clock would be a misfire, fired late.
			var trigger = TriggerBuilder.newTrigger()
				.withIdentity(name, WORKER_GROUP)
				.startAt(new Date(System.currentTimeMillis() + 250L * worker))
				.build();
			scheduler.scheduleJob(job, trigger);
		}
	}

	/**
	 * Sees to the runs that their workers left, on one node of the cluster at a time. A dead node's workers are
	 * recovered by Quartz itself, and find its claims void (see {@link Claims}); what is left here are runs whose
	 * workers all ended without finishing them: stopped by an error (a database outage), or killed before they could
	 * mark the run COMPLETED. A run whose accounts are all done is completed; a run without a worker left is given new
	 * ones; a run whose new workers stopped {@value #MAX_RESTARTS} times in a row without checking an account is FAILED.
	 */
	void finishLeftRuns() {
		var now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		// Runs started a tick ago at least: a run just started may not have handed its workers to Quartz yet.
		var startedBefore = now.minus(properties.tick());
		int completed = jdbc.sql("""
				update poll_run r set status = 'COMPLETED', finished_at = :now
				where r.status = 'RUNNING' and r.started_at < :startedBefore
				  and not exists (select 1 from poll_run_account p where p.run_id = r.id and not p.done)
				""").param("now", now).param("startedBefore", startedBefore).update();
		if (completed > 0) {
			log.info("{} poll runs whose accounts were all checked were completed", completed);
		}
		record Left(long id, int checked, int pending, int restarts, @Nullable Integer checkedAtRestart,
				@Nullable String error) {
		}
		var left = jdbc.sql("""
				select r.id, r.restarts, r.checked_at_restart, r.last_error,
				       (select count(*) from poll_run_account p where p.run_id = r.id and p.done) as checked,
				       (select count(*) from poll_run_account p where p.run_id = r.id and not p.done) as pending
				from poll_run r
				where r.status = 'RUNNING' and r.started_at < :startedBefore
				  and not exists (select 1 from qrtz_job_details j
				                  where j.sched_name = :schedulerName and j.job_group = :group
				                    and j.job_name like 'run-' || r.id || '-%')
				order by r.id
				""")
			.param("startedBefore", startedBefore)
			.param("schedulerName", schedulerName)
			.param("group", WORKER_GROUP)
			.query((rs, row) -> new Left(rs.getLong("id"), rs.getInt("checked"), rs.getInt("pending"),
					rs.getInt("restarts"), (Integer) rs.getObject("checked_at_restart"), rs.getString("last_error")))
			.list();
		for (var run : left) {
			boolean progressed = run.checkedAtRestart() == null || run.checked() > run.checkedAtRestart();
			int restarts = progressed ? 0 : run.restarts();
			if (restarts >= MAX_RESTARTS) {
				if (fail(run.id(), PollRun.Reason.WORKERS_STOPPED, run.error())) {
					log.warn("Poll run {} FAILED: its workers stopped {} times in a row without checking an account ({})",
							run.id(), restarts, run.error());
				}
				continue;
			}
			if (!restart(run.id(), restarts, run.restarts(), run.checked(), run.checkedAtRestart())) {
				continue;
			}
			try {
				schedule(run.id(), run.pending(), now.toInstant().toEpochMilli() + "-");
				log.warn("Poll run {} had no worker left with {} accounts to check ({}); new workers started", run.id(),
						run.pending(), run.error() == null ? "no error recorded" : run.error());
			}
			catch (SchedulerException ex) {
				fail(run.id(), PollRun.Reason.NOT_SCHEDULED, ex.getMessage());
				log.error("Poll run {} FAILED: its new workers could not be scheduled", run.id(), ex);
			}
		}
	}

	/**
	 * Counts a restart, compared with what was read so that two nodes never restart one run twice, and voids the run's
	 * claims: without a worker, nobody holds them any more, although their node may well be alive.
	 */
	private boolean restart(long runId, int restarts, int seenRestarts, int checked, @Nullable Integer seenChecked) {
		return Objects.requireNonNull(transactions.execute(status -> {
			int counted = jdbc.sql("""
					update poll_run set restarts = :restarts, checked_at_restart = :checked
					where id = :id and status = 'RUNNING' and restarts = :seen
					  and checked_at_restart is not distinct from :seenChecked
					""")
				.param("restarts", restarts + 1)
				.param("checked", checked)
				.param("id", runId)
				.param("seen", seenRestarts)
				.param("seenChecked", seenChecked, java.sql.Types.INTEGER)
				.update();
			if (counted == 0) {
				return false;
			}
			jdbc.sql("""
					update poll_run_account set lease_until = null, claimed_by = null
					where run_id = :id and not done and lease_until is not null
					""").param("id", runId).update();
			return true;
		}));
	}

	/** Notes the error that stopped a worker of the run, for the reason should the run fail; never fails itself. */
	void noteError(long runId, Throwable error) {
		try {
			jdbc.sql("update poll_run set last_error = :error where id = :id")
				.param("error", describe(error))
				.param("id", runId)
				.update();
		}
		catch (DataAccessException ex) {
			// The database is away, most likely what stopped the worker: the cluster restarts it once it is back.
			log.debug("Could not note the error of poll run {}: {}", runId, ex.getMessage());
		}
	}

	private boolean fail(long runId, PollRun.Reason reason, @Nullable String error) {
		return jdbc.sql("""
				update poll_run set status = 'FAILED', finished_at = :now, reason = :reason,
				                    last_error = coalesce(:error, last_error)
				where id = :id and status = 'RUNNING'
				""")
			.param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
			.param("reason", reason.name())
			.param("error", error == null ? null : truncate(error), java.sql.Types.VARCHAR)
			.param("id", runId)
			.update() == 1;
	}

	/** The innermost cause says what went wrong (the database's own words); the wrappers mostly repeat the SQL. */
	private static String describe(Throwable error) {
		var cause = error;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return truncate(cause.getClass().getSimpleName() + ": " + cause.getMessage());
	}

	private static String truncate(String error) {
		return error.length() > 1000 ? error.substring(0, 1000) : error;
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
			select r.id, r.status, r.trigger, r.total, r.started_at, r.finished_at, r.reason, r.last_error,
			       (select count(*) from poll_run_account p where p.run_id = r.id and p.done) as checked,
			       (select count(*) from poll_run_account p where p.run_id = r.id and p.done
			                                                  and p.outcome in ('ERROR', 'RATE_LIMITED')) as failed
			from poll_run r""";

	private static PollRun run(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		var finished = rs.getTimestamp("finished_at");
		var status = PollRun.Status.valueOf(rs.getString("status"));
		var reason = rs.getString("reason");
		return new PollRun(rs.getLong("id"), status, PollRun.Trigger.valueOf(rs.getString("trigger")),
				rs.getInt("total"), rs.getInt("checked"), rs.getInt("failed"), rs.getTimestamp("started_at").toInstant(),
				finished == null ? null : finished.toInstant(), reason == null ? null : PollRun.Reason.valueOf(reason),
				status == PollRun.Status.FAILED ? rs.getString("last_error") : null);
	}

}
