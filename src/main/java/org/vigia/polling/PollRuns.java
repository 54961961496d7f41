package org.vigia.polling;

import org.vigia.common.Visibility;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.vigia.runs.RunKind;
import org.vigia.runs.Runs;

/**
 * Starts poll runs and reports their progress; the work itself is done by Quartz jobs on any node of the cluster, and
 * the cluster sees every run to its end (see {@link #finishLeftRuns}), all through the shared {@link Runs} mechanism.
 */
@Service
public class PollRuns {

	/** Restarts in a row that check no account, after which a run is given up as FAILED. */
	static final int MAX_RESTARTS = 3;

	static final String WORKER_GROUP = "poll-runs";

	private final JdbcClient jdbc;

	private final Runs runs;

	private final PollingProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final RunKind kind;

	private final Visibility visibility;

	PollRuns(JdbcClient jdbc, Runs runs, PollingProperties properties, Clock clock, TransactionTemplate transactions,
			Visibility visibility) {
		this.visibility = visibility;
		this.jdbc = jdbc;
		this.runs = runs;
		this.properties = properties;
		this.clock = clock;
		this.transactions = transactions;
		int batch = properties.batchSize();
		this.kind = new RunKind("poll run", "poll_run", "poll_run_account", "account_id", WORKER_GROUP, PollRunJob.class,
				accounts -> Math.min(2 * properties.shards(), (accounts + batch - 1) / batch), batch, properties.lease(),
				MAX_RESTARTS);
	}

	/** Where poll runs are kept, and how their workers go about them. */
	RunKind kind() {
		return kind;
	}

	/**
	 * Starts a run over the given active accounts, or over every active account when none are given; only accounts of
	 * the organizations the person asking may see (others count as unknown).
	 * @throws UnknownAccountsException when some ids are not active accounts; nothing is started then
	 */
	public PollRun start(@Nullable List<Long> accountIds) {
		long runId = Objects.requireNonNull(transactions.execute(status -> create(accountIds)));
		// Read back unfiltered: a run over nothing the person may see has no account to be seen by, yet they started it.
		var run = started(runId);
		if (run.total() > 0) {
			// After the commit, so that no worker looks for a run it cannot see yet.
			runs.start(kind, runId, run.total());
		}
		return run;
	}

	private long create(@Nullable List<Long> accountIds) {
		long runId = runs.open(kind, PollRun.Trigger.MANUAL.name());
		int total;
		var seen = visibility.seen();
		if (accountIds == null) {
			total = jdbc.sql("""
					insert into poll_run_account (run_id, account_id)
					select :runId, id from registry_accounts account
					where status = 'ACTIVE' and (:all or organization_id = any(:seen))
					""").param("runId", runId).param("all", seen.all()).param("seen", seen.array()).update();
		}
		else {
			var wanted = new LinkedHashSet<>(accountIds).toArray(Long[]::new);
			total = jdbc.sql("""
					insert into poll_run_account (run_id, account_id)
					select :runId, id from registry_accounts account where status = 'ACTIVE' and id = any(:ids)
					  and (:all or organization_id = any(:seen))
					""").param("runId", runId).param("ids", wanted).param("all", seen.all()).param("seen", seen.array())
				.update();
			if (total != wanted.length) {
				throw new UnknownAccountsException(runs.missing(kind, runId, wanted));
			}
		}
		runs.size(kind, runId, total);
		return runId;
	}

	/** Completes the run if every account in it has an outcome; only the first caller succeeds. */
	boolean complete(long runId) {
		return jdbc.sql("""
				update poll_run set status = 'COMPLETED', finished_at = :now
				where id = :runId and status = 'RUNNING'
				  and not exists (select 1 from poll_run_account where run_id = :runId and not done)
				""").param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("runId", runId)
			.update() == 1;
	}

	/**
	 * Sees to the poll runs that their workers left, on one node of the cluster at a time: completed when all their
	 * accounts are checked, given new workers, or FAILED once new workers stopped {@value #MAX_RESTARTS} times in a row
	 * without checking an account (see {@link Runs#finishLeftRuns}).
	 */
	void finishLeftRuns() {
		// Runs started a tick ago at least: a run just started may not have handed its workers to Quartz yet.
		runs.finishLeftRuns(kind, properties.tick(), this::complete);
	}

	private PollRun started(long runId) {
		return jdbc.sql(SELECT + " where r.id = :id").param("id", runId).param("all", true)
			.param("seen", new Long[0]).query(PollRuns::run).single();
	}

	/** A run and its progress. */
	@Transactional(readOnly = true)
	public PollRun get(long id) {
		var seen = visibility.seen();
		return jdbc.sql(SELECT + " where r.id = :id and " + SEEN).param("id", id).param("all", seen.all())
			.param("seen", seen.array()).query(PollRuns::run).optional()
			.orElseThrow(() -> new PollRunNotFoundException(id));
	}

	/** Runs over accounts the person asking may see, newest first. */
	@Transactional(readOnly = true)
	public Page<PollRun> list(Pageable pageable) {
		var seen = visibility.seen();
		var content = jdbc.sql(SELECT + " where " + SEEN + " order by r.id desc limit :limit offset :offset")
			.param("all", seen.all())
			.param("seen", seen.array())
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(PollRuns::run)
			.list();
		long total = jdbc.sql("select count(*) from poll_run r where " + SEEN).param("all", seen.all())
			.param("seen", seen.array()).query(Long.class).single();
		return new PageImpl<>(content, pageable, total);
	}

	/** A run someone may see: one with an account of an organization they may see. */
	private static final String SEEN = """
			(:all or exists (select 1 from poll_run_account p join registry_accounts a on a.id = p.account_id
			                 where p.run_id = r.id and a.organization_id = any(:seen)))""";

	/**
	 * A run with its progress over the accounts the person asking may see ({@code :all}, {@code :seen}): someone who
	 * sees one town is told how far the run got with that town's accounts, not with everyone's.
	 */
	private static final String SELECT = """
			select r.id, r.status, r.trigger, r.started_at, r.finished_at, r.reason, r.last_error,
			       case when :all then r.total else c.total end as total, c.checked, c.failed
			from poll_run r
			cross join lateral (
			    select count(*) as total, count(*) filter (where p.done) as checked,
			           count(*) filter (where p.done and p.outcome in ('ERROR', 'RATE_LIMITED')) as failed
			    from poll_run_account p
			    where p.run_id = r.id
			      and (:all or exists (select 1 from registry_accounts a
			                           where a.id = p.account_id and a.organization_id = any(:seen)))) c""";

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
