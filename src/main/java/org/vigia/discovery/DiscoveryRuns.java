package org.vigia.discovery;

import org.vigia.common.Visibility;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.vigia.platform.Message;
import org.vigia.runs.RunKind;
import org.vigia.runs.Runs;

/**
 * Starts discovery runs and reports their progress. A run is a row per organization to examine; a Quartz job, on any
 * node of the cluster, examines them one at a time under a claim, so a dead node's run is taken over where it stopped
 * (the shared {@link Runs} mechanism).
 */
@Service
public class DiscoveryRuns {

	/** How long after its start a run without a worker counts as left: its worker may not be scheduled yet. */
	private static final Duration GRACE = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Runs runs;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final RunKind kind;

	private final Visibility visibility;

	DiscoveryRuns(JdbcClient jdbc, Runs runs, DiscoveryProperties properties, Clock clock,
			TransactionTemplate transactions, ApplicationEventPublisher events, Visibility visibility) {
		this.visibility = visibility;
		this.jdbc = jdbc;
		this.runs = runs;
		this.clock = clock;
		this.transactions = transactions;
		this.events = events;
		// One worker examining one organization at a time, as gently as the platforms need; a run whose worker keeps
		// stopping is resumed however often it takes, never given up.
		this.kind = new RunKind("discovery run", "discovery_run", "discovery_run_organization", "organization_id",
				"discovery-runs", DiscoveryRunJob.class, organizations -> 1, 1, properties.lease(), Integer.MAX_VALUE);
	}

	/** Where discovery runs are kept, and how their worker goes about them. */
	RunKind kind() {
		return kind;
	}

	/**
	 * Starts a run over the given organizations, or over every organization with an active account when none are
	 * given.
	 * @throws UnknownOrganizationsException when some ids are not organizations; nothing is started then
	 */
	public DiscoveryRun start(@Nullable List<Long> organizationIds) {
		return start(organizationIds, DiscoveryRun.Trigger.MANUAL);
	}

	DiscoveryRun start(@Nullable List<Long> organizationIds, DiscoveryRun.Trigger trigger) {
		long runId = Objects.requireNonNull(transactions.execute(status -> create(organizationIds, trigger)));
		// Read back unfiltered: a run over nothing the person may see has no account to be seen by, yet they started it.
		var run = started(runId);
		if (run.total() > 0) {
			try {
				// After the commit, so that the worker finds the run.
				runs.start(kind, runId, run.total());
			}
			catch (IllegalStateException ex) {
				jdbc.sql("update discovery_run set error = :error where id = :id")
					.param("error", Message.of("discovery.error.notScheduled", String.valueOf(ex.getCause().getMessage())).encode())
					.param("id", runId)
					.update();
				throw ex;
			}
		}
		return run;
	}

	private long create(@Nullable List<Long> organizationIds, DiscoveryRun.Trigger trigger) {
		long runId = runs.open(kind, trigger.name());
		int total;
		var seen = visibility.seen();
		if (organizationIds == null) {
			total = jdbc.sql("""
					insert into discovery_run_organization (run_id, organization_id)
					select :runId, o.id from registry_organizations o
					where exists (select 1 from registry_accounts a where a.organization_id = o.id and a.status = 'ACTIVE')
					  and (:all or o.id = any(:seen))
					""").param("runId", runId).param("all", seen.all()).param("seen", seen.array()).update();
		}
		else {
			var wanted = new LinkedHashSet<>(organizationIds).toArray(Long[]::new);
			total = jdbc.sql("""
					insert into discovery_run_organization (run_id, organization_id)
					select :runId, id from registry_organizations organization where id = any(:ids)
					  and (:all or id = any(:seen))
					""").param("runId", runId).param("ids", wanted).param("all", seen.all()).param("seen", seen.array())
				.update();
			if (total != wanted.length) {
				throw new UnknownOrganizationsException(runs.missing(kind, runId, wanted));
			}
		}
		runs.size(kind, runId, total);
		return runId;
	}

	private DiscoveryRun started(long runId) {
		return jdbc.sql(SELECT + " where r.id = :id").param("id", runId).param("all", true).param("seen", new Long[0])
			.query(DiscoveryRuns::run).single();
	}

	/** A run and its progress. */
	@Transactional(readOnly = true)
	public DiscoveryRun get(long id) {
		var seen = visibility.seen();
		return jdbc.sql(SELECT + " where r.id = :id and " + SEEN)
			.param("id", id)
			.param("all", seen.all())
			.param("seen", seen.array())
			.query(DiscoveryRuns::run)
			.optional()
			.orElseThrow(() -> new DiscoveryRunNotFoundException(id));
	}

	/** Runs, newest first. */
	@Transactional(readOnly = true)
	public Page<DiscoveryRun> list(Pageable pageable) {
		var seen = visibility.seen();
		var content = jdbc.sql(SELECT + " where " + SEEN + " order by r.id desc limit :limit offset :offset")
			.param("all", seen.all())
			.param("seen", seen.array())
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(DiscoveryRuns::run)
			.list();
		long total = jdbc.sql("select count(*) from discovery_run r where " + SEEN).param("all", seen.all())
			.param("seen", seen.array()).query(Long.class).single();
		return new PageImpl<>(content, pageable, total);
	}

	/** A run still running, the oldest, if any. */
	@Nullable Long running() {
		return jdbc.sql("select id from discovery_run where status = 'RUNNING' order by id limit 1")
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	/**
	 * Sees to the runs their worker left (it failed outside an organization's examination, say): one whose
	 * organizations are all done is finished, one with organizations left gets a worker again, which goes on where the
	 * last one stopped (see {@link Runs#finishLeftRuns}).
	 */
	void finishLeftRuns() {
		runs.finishLeftRuns(kind, GRACE, runId -> transactions.execute(status -> complete(runId)) != null);
	}

	/** Records what examining an organization found, and the organization as done. */
	@Transactional
	void done(long runId, long organizationId, OrganizationReport report) {
		int changed = jdbc.sql("""
				update discovery_run_organization set done = true, failed = :failed, error = :error, lease_until = null,
				       searches = :searches, probes = :probes, unanswered = :unanswered, candidates = :candidates,
				       impersonations = :impersonations, unregistered = :unregistered, errors = :errors
				where run_id = :runId and organization_id = :organizationId and not done
				""").param("failed", report.failed()).param("error", report.error()).param("runId", runId)
			.param("organizationId", organizationId)
			.param("searches", report.searches()).param("probes", report.probes())
			.param("unanswered", report.unanswered()).param("candidates", report.candidates())
			.param("impersonations", report.impersonations()).param("unregistered", report.unregistered())
			.param("errors", report.errors() + ((report.error() != null) ? 1 : 0))
			.update();
		if (changed == 0) {
			return;
		}
		jdbc.sql("""
				update discovery_run set searches = searches + :searches, probes = probes + :probes,
				       unanswered = unanswered + :unanswered, candidates = candidates + :candidates,
				       impersonations = impersonations + :impersonations, unregistered = unregistered + :unregistered,
				       errors = errors + :errors, error = coalesce(:error, error)
				where id = :runId
				""").param("searches", report.searches()).param("probes", report.probes())
			.param("unanswered", report.unanswered()).param("candidates", report.candidates())
			.param("impersonations", report.impersonations()).param("unregistered", report.unregistered())
			.param("errors", report.errors() + ((report.error() != null) ? 1 : 0))
			.param("error", report.error()).param("runId", runId)
			.update();
	}

	/**
	 * Marks the run finished once all its organizations are done, and publishes it in the same transaction: FAILED
	 * when none of them could be examined, COMPLETED_WITH_ERRORS when a candidate or an organization could not,
	 * COMPLETED otherwise. Answers the run when this call finished it, null when it was not done or already finished.
	 */
	@Transactional
	@Nullable DiscoveryRun complete(long runId) {
		int changed = jdbc.sql("""
				update discovery_run r set finished_at = :now, status = case
				    when not exists (select 1 from discovery_run_organization o where o.run_id = r.id and o.error is null)
				        then 'FAILED'
				    when r.errors > 0 then 'COMPLETED_WITH_ERRORS'
				    else 'COMPLETED' end
				where r.id = :runId and r.status = 'RUNNING'
				  and not exists (select 1 from discovery_run_organization where run_id = :runId and not done)
				""").param("now", timestamp(clock.instant())).param("runId", runId).update();
		if (changed == 0) {
			return null;
		}
		var run = get(runId);
		var unexamined = jdbc.sql("""
				select o.organization_id, coalesce(g.name, '#' || o.organization_id) as name, o.error
				from discovery_run_organization o left join registry_organizations g on g.id = o.organization_id
				where o.run_id = :runId and o.error is not null
				order by name, o.organization_id
				""").param("runId", runId)
			.query((rs, row) -> new DiscoveryRunFinished.Unexamined(rs.getLong("organization_id"), rs.getString("name"),
					rs.getString("error")))
			.list();
		events.publishEvent(new DiscoveryRunFinished(run, unexamined));
		return run;
	}

	/**
	 * What examining one organization found and cost.
	 * @param errors candidates an exception kept from being judged or recorded
	 * @param error why the organization could not be examined at all; null when it was
	 */
	record OrganizationReport(int searches, int probes, int unanswered, int candidates, int impersonations,
			int unregistered, int errors, @Nullable String error) {

		boolean failed() {
			return unanswered > 0 || error != null;
		}

		static OrganizationReport failure(String error) {
			return new OrganizationReport(0, 0, 0, 0, 0, 0, 0, error);
		}

	}

	/** A run someone may see: one over an organization they may see. */
	private static final String SEEN = """
			(:all or exists (select 1 from discovery_run_organization v
			                 where v.run_id = r.id and v.organization_id = any(:seen)))""";

	/**
	 * A run with its progress and counts over the organizations the person asking may see ({@code :all},
	 * {@code :seen}): someone who sees one town is told what the run did about that town, not about everyone.
	 */
	private static final String SELECT = """
			select r.id, r.status, r.trigger, r.started_at, r.finished_at,
			       case when :all then r.total else c.total end as total,
			       case when :all then r.searches else c.searches end as searches,
			       case when :all then r.probes else c.probes end as probes,
			       case when :all then r.unanswered else c.unanswered end as unanswered,
			       case when :all then r.candidates else c.candidates end as candidates,
			       case when :all then r.impersonations else c.impersonations end as impersonations,
			       case when :all then r.unregistered else c.unregistered end as unregistered,
			       case when :all then r.errors else c.errors end as errors,
			       case when :all then r.error else c.error end as error,
			       c.checked, c.failed
			from discovery_run r
			cross join lateral (
			    select count(*) as total, count(*) filter (where o.done) as checked,
			           count(*) filter (where o.done and o.failed) as failed,
			           coalesce(sum(o.searches), 0) as searches, coalesce(sum(o.probes), 0) as probes,
			           coalesce(sum(o.unanswered), 0) as unanswered, coalesce(sum(o.candidates), 0) as candidates,
			           coalesce(sum(o.impersonations), 0) as impersonations,
			           coalesce(sum(o.unregistered), 0) as unregistered, coalesce(sum(o.errors), 0) as errors,
			           max(o.error) as error
			    from discovery_run_organization o
			    where o.run_id = r.id and (:all or o.organization_id = any(:seen))) c""";

	private static DiscoveryRun run(ResultSet rs, int row) throws SQLException {
		var finished = rs.getTimestamp("finished_at");
		return new DiscoveryRun(rs.getLong("id"), DiscoveryRun.Status.valueOf(rs.getString("status")),
				DiscoveryRun.Trigger.valueOf(rs.getString("trigger")), rs.getInt("total"), rs.getInt("checked"),
				rs.getInt("failed"), rs.getInt("searches"), rs.getInt("probes"), rs.getInt("unanswered"),
				rs.getInt("candidates"), rs.getInt("impersonations"), rs.getInt("unregistered"), rs.getInt("errors"),
				rs.getString("error"),
				rs.getTimestamp("started_at").toInstant(), (finished == null) ? null : finished.toInstant());
	}

	static OffsetDateTime timestamp(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
