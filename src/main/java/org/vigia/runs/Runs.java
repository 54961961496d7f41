package org.vigia.runs;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

import org.jspecify.annotations.Nullable;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.vigia.platform.Message;

/**
 * The run mechanism: opens runs, hands their workers to Quartz, gives workers claims on items so that each item is
 * worked on once across the cluster, and sees every run to its end (see {@link #finishLeftRuns}). What an item is and
 * what working on it means is the owning module's; the tables are named by its {@link RunKind}.
 */
@Component
public class Runs {

	/** The key under which a worker's job data holds its run's id. */
	public static final String RUN_ID = "runId";

	private static final Logger log = LoggerFactory.getLogger(Runs.class);

	private static final Duration WAIT = Duration.ofMillis(500);

	private final JdbcClient jdbc;

	private final Scheduler scheduler;

	private final ClusterNodes nodes;

	private final Clock clock;

	private final TransactionTemplate transactions;

	Runs(JdbcClient jdbc, Scheduler scheduler, ClusterNodes nodes, Clock clock, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.scheduler = scheduler;
		this.nodes = nodes;
		this.clock = clock;
		this.transactions = transactions;
	}

	/** Opens a RUNNING run without items yet, and answers its id; its items are the module's to insert. */
	public long open(RunKind kind, String trigger) {
		return jdbc.sql("""
				insert into %s (status, trigger, total, started_at) values ('RUNNING', :trigger, 0, :now)
				returning id
				""".formatted(kind.runs())).param("trigger", trigger).param("now", now()).query(Long.class).single();
	}

	/** Of the ids wanted, those the run has no item for, in the order wanted. */
	public List<Long> missing(RunKind kind, long runId, Long[] wanted) {
		var found = jdbc.sql("select %s from %s where run_id = :runId".formatted(kind.item(), kind.items()))
			.param("runId", runId)
			.query(Long.class)
			.set();
		var missing = new ArrayList<Long>();
		for (var id : wanted) {
			if (!found.contains(id)) {
				missing.add(id);
			}
		}
		return missing;
	}

	/** Sets the run's total; a run without items is COMPLETED at once. */
	public void size(RunKind kind, long runId, int total) {
		jdbc.sql("""
				update %s set total = :total, status = case when :total = 0 then 'COMPLETED' else status end,
				       finished_at = case when :total = 0 then started_at end
				where id = :runId
				""".formatted(kind.runs())).param("total", total).param("runId", runId).update();
	}

	/**
	 * Hands the run's workers to Quartz, after the commit that made the run visible; should that fail, the run is
	 * FAILED as NOT_SCHEDULED and this throws.
	 */
	public void start(RunKind kind, long runId, int items) {
		try {
			schedule(kind, runId, items, "");
		}
		catch (SchedulerException ex) {
			fail(kind, runId, RunFailure.NOT_SCHEDULED, notScheduled(ex));
			throw new IllegalStateException("Could not schedule " + kind.name() + " " + runId, ex);
		}
	}

	/**
	 * Workers enough for the items left. Their names begin with {@code run-<id>-}: that is how {@link #finishLeftRuns}
	 * tells a run that still has workers.
	 */
	private void schedule(RunKind kind, long runId, int items, String generation) throws SchedulerException {
		int workers = Math.max(1, kind.workers().applyAsInt(items));
		for (int worker = 0; worker < workers; worker++) {
			var name = "run-" + runId + "-" + generation + worker;
			var job = JobBuilder.newJob(kind.worker())
				.withIdentity(name, kind.workerGroup())
				.usingJobData(RUN_ID, runId)
				.requestRecovery(true)
				.build();
			// Staggered, so that the other nodes' schedulers, polling for due triggers, get some of the workers. In
			// Quartz's time, the system's: a trigger placed by another clock would be a misfire, fired late.
			var trigger = TriggerBuilder.newTrigger()
				.withIdentity(name, kind.workerGroup())
				.startAt(new Date(ClusterNodes.QUARTZ_CLOCK.millis() + 250L * worker))
				.build();
			scheduler.scheduleJob(job, trigger);
		}
	}

	/**
	 * A worker's loop: claims batches of the run's items and hands each to {@code work}, until no item is left; waits
	 * while other workers hold the rest, in case their node dies and their claims are void. An exception that escapes
	 * {@code work} stops the worker and is noted on the run (the cluster gives it new workers). Answers how many items
	 * this worker took.
	 */
	public int work(RunKind kind, long runId, Consumer<List<Long>> work) {
		int taken = 0;
		try {
			while (true) {
				var batch = claim(kind, runId);
				if (batch.isEmpty()) {
					if (!hasPending(kind, runId)) {
						return taken;
					}
					sleep(kind);
					continue;
				}
				work.accept(batch);
				taken += batch.size();
			}
		}
		catch (RuntimeException ex) {
			noteError(kind, runId, ex);
			throw ex;
		}
	}

	/**
	 * Claims up to a batch of the run's items not yet done and not held by a live worker: a compare-and-set claim
	 * taken with SKIP LOCKED, naming the node that took it, void once its node is dead (see {@link ClusterNodes}) or
	 * its lease ran out.
	 */
	public List<Long> claim(RunKind kind, long runId) {
		var now = now();
		return Objects.requireNonNull(transactions.execute(status -> nodes.bind(jdbc.sql("""
				update %1$s p set lease_until = :leaseUntil, claimed_by = :instanceId
				where p.run_id = :runId and p.%2$s in (
				    select c.%2$s from %1$s c
				    where c.run_id = :runId and not c.done and %3$s
				    order by c.%2$s
				    limit :batch
				    for update skip locked)
				returning p.%2$s
				""".formatted(kind.items(), kind.item(), ClusterNodes.voidClaim("c"))))
			.param("leaseUntil", now.plus(kind.lease()))
			.param("runId", runId)
			.param("now", now)
			.param("batch", kind.batch())
			.query(Long.class)
			.list()));
	}

	/** Whether the run still has items not done (claimed or not). */
	public boolean hasPending(RunKind kind, long runId) {
		return jdbc.sql("select exists (select 1 from %s where run_id = :runId and not done)".formatted(kind.items()))
			.param("runId", runId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Sees to the runs of this kind that their workers left, on one node of the cluster at a time. A dead node's
	 * workers are recovered by Quartz itself, and find its claims void; what is left here are runs whose workers all
	 * ended without finishing them: stopped by an error (a database outage), or killed before they could finish the
	 * run. A run whose items are all done is handed to {@code complete}; a run without a worker left is given new ones;
	 * a run whose new workers stopped {@link RunKind#maxRestarts} times in a row without working off an item is
	 * FAILED. Runs started less than {@code grace} ago are left alone: they may not have handed their workers to
	 * Quartz yet.
	 */
	public void finishLeftRuns(RunKind kind, Duration grace, LongPredicate complete) {
		var now = now();
		var startedBefore = now.minus(grace);
		var done = jdbc.sql("""
				select r.id from %1$s r
				where r.status = 'RUNNING' and r.started_at < :startedBefore
				  and not exists (select 1 from %2$s p where p.run_id = r.id and not p.done)
				order by r.id
				""".formatted(kind.runs(), kind.items())).param("startedBefore", startedBefore).query(Long.class).list();
		int completed = 0;
		for (var runId : done) {
			completed += complete.test(runId) ? 1 : 0;
		}
		if (completed > 0) {
			log.info("{} {}s whose items were all done were completed", completed, kind.name());
		}
		record Left(long id, int done, int pending, int restarts, @Nullable Integer doneAtRestart,
				@Nullable String error) {
		}
		var left = jdbc.sql("""
				select r.id, r.restarts, r.checked_at_restart, r.last_error,
				       (select count(*) from %2$s p where p.run_id = r.id and p.done) as done,
				       (select count(*) from %2$s p where p.run_id = r.id and not p.done) as pending
				from %1$s r
				where r.status = 'RUNNING' and r.started_at < :startedBefore
				  and exists (select 1 from %2$s p where p.run_id = r.id and not p.done)
				  and not exists (select 1 from qrtz_job_details j
				                  where j.sched_name = :schedulerName and j.job_group = :group
				                    and j.job_name like 'run-' || r.id || '-%%')
				order by r.id
				""".formatted(kind.runs(), kind.items()))
			.param("startedBefore", startedBefore)
			.param("schedulerName", nodes.schedulerName())
			.param("group", kind.workerGroup())
			.query((rs, row) -> new Left(rs.getLong("id"), rs.getInt("done"), rs.getInt("pending"),
					rs.getInt("restarts"), (Integer) rs.getObject("checked_at_restart"), rs.getString("last_error")))
			.list();
		for (var run : left) {
			boolean progressed = run.doneAtRestart() == null || run.done() > run.doneAtRestart();
			int restarts = progressed ? 0 : run.restarts();
			if (restarts >= kind.maxRestarts()) {
				if (fail(kind, run.id(), RunFailure.WORKERS_STOPPED, run.error())) {
					log.warn("{} {} FAILED: its workers stopped {} times in a row without working off an item ({})",
							kind.name(), run.id(), restarts, run.error());
				}
				continue;
			}
			if (!restart(kind, run.id(), restarts, run.restarts(), run.done(), run.doneAtRestart())) {
				continue;
			}
			try {
				schedule(kind, run.id(), run.pending(), now.toInstant().toEpochMilli() + "-");
				log.warn("{} {} had no worker left with {} items to go ({}); new workers started", kind.name(), run.id(),
						run.pending(), run.error() == null ? "no error recorded" : run.error());
			}
			catch (SchedulerException ex) {
				fail(kind, run.id(), RunFailure.NOT_SCHEDULED, notScheduled(ex));
				log.error("{} {} FAILED: its new workers could not be scheduled", kind.name(), run.id(), ex);
			}
		}
	}

	/**
	 * Counts a restart, compared with what was read so that two nodes never restart one run twice, and voids the run's
	 * claims: without a worker, nobody holds them any more, although their node may well be alive.
	 */
	private boolean restart(RunKind kind, long runId, int restarts, int seenRestarts, int done,
			@Nullable Integer seenDone) {
		return Objects.requireNonNull(transactions.execute(status -> {
			int counted = jdbc.sql("""
					update %s set restarts = :restarts, checked_at_restart = :done
					where id = :id and status = 'RUNNING' and restarts = :seen
					  and checked_at_restart is not distinct from :seenDone
					""".formatted(kind.runs()))
				.param("restarts", restarts + 1)
				.param("done", done)
				.param("id", runId)
				.param("seen", seenRestarts)
				.param("seenDone", seenDone, Types.INTEGER)
				.update();
			if (counted == 0) {
				return false;
			}
			jdbc.sql("""
					update %s set lease_until = null, claimed_by = null
					where run_id = :id and not done and lease_until is not null
					""".formatted(kind.items())).param("id", runId).update();
			return true;
		}));
	}

	/** Notes the error that stopped a worker of the run, for the reason should the run fail; never fails itself. */
	public void noteError(RunKind kind, long runId, Throwable error) {
		try {
			jdbc.sql("update %s set last_error = :error where id = :id".formatted(kind.runs()))
				.param("error", describe(error))
				.param("id", runId)
				.update();
		}
		catch (DataAccessException ex) {
			// The database is away, most likely what stopped the worker: the cluster restarts it once it is back.
			log.debug("Could not note the error of {} {}: {}", kind.name(), runId, ex.getMessage());
		}
	}

	/** Gives a RUNNING run up as FAILED; answers whether this call did. */
	public boolean fail(RunKind kind, long runId, RunFailure reason, @Nullable String error) {
		return jdbc.sql("""
				update %s set status = 'FAILED', finished_at = :now, reason = :reason,
				                    last_error = coalesce(:error, last_error)
				where id = :id and status = 'RUNNING'
				""".formatted(kind.runs()))
			.param("now", now())
			.param("reason", reason.name())
			.param("error", error, Types.VARCHAR)
			.param("id", runId)
			.update() == 1;
	}

	/**
	 * The innermost cause says what went wrong (the database's own words); the wrappers mostly repeat the SQL. Kept as
	 * a message code around those words, so that the run page says it in the reader's language.
	 */
	private static String describe(Throwable error) {
		var cause = error;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return Message.of("runs.error.worker", truncate(cause.getClass().getSimpleName() + ": " + cause.getMessage()))
			.encode();
	}

	private static String notScheduled(SchedulerException ex) {
		return Message.of("runs.error.notScheduled", truncate(String.valueOf(ex.getMessage()))).encode();
	}

	private static String truncate(String error) {
		return error.length() > 1000 ? error.substring(0, 1000) : error;
	}

	private static void sleep(RunKind kind) {
		try {
			Thread.sleep(WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a " + kind.name(), ex);
		}
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

}
