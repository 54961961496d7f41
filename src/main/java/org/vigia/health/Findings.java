package org.vigia.health;

import org.vigia.common.Visibility;
import org.vigia.common.NotAllowedException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.common.Audited;

/** The findings: listing and reading them with their history, and what people do with them. */
@Service
@Transactional(readOnly = true)
public class Findings {

	private static final String COLUMNS = """
			f.id, f.type, f.severity, f.status, f.account_id, f.unit_id, f.organization_id, f.platform, f.subject, f.summary,
			f.evidence::text as evidence, f.opened_at, f.updated_at, f.resolved_at, f.dismissed_until, f.dismiss_reason,
			f.subject_key, f.fingerprint, f.published_at
			""";

	private final JdbcClient jdbc;

	private final FindingWriter writer;

	private final LookalikeFindings lookalikes;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Visibility visibility;

	Findings(JdbcClient jdbc, FindingWriter writer, LookalikeFindings lookalikes, Clock clock,
			ApplicationEventPublisher events, Visibility visibility) {
		this.events = events;
		this.visibility = visibility;
		this.jdbc = jdbc;
		this.writer = writer;
		this.lookalikes = lookalikes;
		this.clock = clock;
	}

	/** Findings matching the filter: standing ones first, the gravest first among them, then the newest. */
	public Page<Finding> list(FindingFilter filter, Pageable pageable) {
		var where = new ArrayList<String>();
		Map<String, Object> params = new HashMap<>();
		var seen = visibility.seen();
		if (!seen.all()) {
			where.add("f.organization_id = any(:seen)");
			params.put("seen", seen.array());
		}
		if (!filter.statuses().isEmpty()) {
			where.add("f.status = any(:statuses)");
			params.put("statuses", filter.statuses().stream().map(Enum::name).toArray(String[]::new));
		}
		if (!filter.types().isEmpty()) {
			where.add("f.type = any(:types)");
			params.put("types", filter.types().stream().map(Enum::name).toArray(String[]::new));
		}
		if (!filter.severities().isEmpty()) {
			where.add("f.severity = any(:severities)");
			params.put("severities", filter.severities().stream().map(Enum::name).toArray(String[]::new));
		}
		if (filter.organizationId() != null) {
			where.add("f.organization_id = :organizationId");
			params.put("organizationId", filter.organizationId());
		}
		if (filter.unitId() != null) {
			where.add("(f.unit_id = :unitId or f.account_id in (select id from registry_accounts where unit_id = :unitId))");
			params.put("unitId", filter.unitId());
		}
		if (filter.platform() != null) {
			where.add("f.platform = :platform");
			params.put("platform", filter.platform().id());
		}
		if (filter.accountId() != null) {
			where.add("f.account_id = :accountId");
			params.put("accountId", filter.accountId());
		}
		var condition = where.isEmpty() ? "" : "where " + String.join(" and ", where);
		var content = jdbc.sql("select " + COLUMNS + " from finding f " + condition + """
				 order by case f.status when 'OPEN' then 0 when 'ACKNOWLEDGED' then 1 when 'DISMISSED' then 2 else 3 end,
				          case f.severity when 'HIGH' then 0 when 'MEDIUM' then 1 else 2 end, f.opened_at desc, f.id desc
				 limit :limit offset :offset
				""").params(params).param("limit", pageable.getPageSize()).param("offset", pageable.getOffset())
			.query((rs, row) -> finding(rs))
			.list();
		long total = jdbc.sql("select count(*) from finding f " + condition).params(params).query(Long.class).single();
		return new PageImpl<>(content, pageable, total);
	}

	/** @throws FindingNotFoundException when there is none, or the person asking may not see its organization */
	public Finding get(long id) {
		var seen = visibility.seen();
		return jdbc.sql("select " + COLUMNS + " from finding f where f.id = :id and (:all or f.organization_id = any(:seen))")
			.param("id", id)
			.param("all", seen.all())
			.param("seen", seen.array())
			.query((rs, row) -> finding(rs))
			.optional()
			.orElseThrow(() -> new FindingNotFoundException(id));
	}

	/** The finding's transitions, newest first. */
	public List<FindingTransition> history(long id) {
		var finding = get(id);
		return jdbc.sql("""
				select id, kind, from_status, to_status, at, actor, reason, summary, evidence::text as evidence
				from finding_transition where finding_id = :id order by at desc, id desc
				""").param("id", id).query((rs, row) -> {
			var from = rs.getString("from_status");
			return new FindingTransition(rs.getLong("id"), id, finding.type(), finding.severity(),
					TransitionKind.valueOf(rs.getString("kind")), (from != null) ? FindingStatus.valueOf(from) : null,
					FindingStatus.valueOf(rs.getString("to_status")), rs.getTimestamp("at").toInstant(),
					rs.getString("actor"), rs.getString("reason"), finding.accountId(), finding.unitId(),
					finding.organizationId(), finding.platform(), finding.subject(), rs.getString("summary"),
					writer.map(rs.getString("evidence")));
		}).list();
	}

	/** Someone takes the finding on; it stays acknowledged while its condition holds. */
	@Transactional
	public Finding acknowledge(long id, String actor) {
		var stored = lock(id);
		if (stored.status() == FindingStatus.ACKNOWLEDGED) {
			return get(id);
		}
		return audited("finding.acknowledged", stored.status(),
				act(stored, TransitionKind.ACKNOWLEDGED, FindingStatus.ACKNOWLEDGED, null, null, actor));
	}

	/**
	 * Someone decides the finding is no problem: it stays quiet until the date, if given, or until the evidence changes
	 * materially (ABANDONED becoming GONE opens a new finding anyway).
	 */
	@Transactional
	public Finding dismiss(long id, String actor, @Nullable String reason, @Nullable Instant until) {
		if (reason == null || reason.isBlank()) {
			throw new FindingActionException(false, "problem.dismiss.reason");
		}
		if (reason.length() > 1000) {
			throw new FindingActionException(false, "problem.dismiss.reasonLength", 1000);
		}
		if (until != null && !until.isAfter(clock.instant())) {
			throw new FindingActionException(false, "problem.dismiss.until", String.valueOf(until));
		}
		var stored = lock(id);
		var dismissed = act(stored, TransitionKind.DISMISSED, FindingStatus.DISMISSED, reason.strip(), until, actor);
		if (stored.type() == FindingType.IMPERSONATION && until == null) {
			// A look-alike dismissed for good is a known namesake: discovery leaves that account alone from now on. A
			// dismissal with a date only snoozes the finding.
			lookalikes.allowlist(id, actor, reason.strip());
		}
		return audited("finding.dismissed", stored.status(), dismissed);
	}

	/** Someone wants the finding back on the list. */
	@Transactional
	public Finding reopen(long id, String actor) {
		var stored = lock(id);
		if (stored.status() == FindingStatus.OPEN) {
			return get(id);
		}
		if (stored.type() == FindingType.IMPERSONATION) {
			lookalikes.unlist(id);
		}
		return audited("finding.reopened", stored.status(),
				act(stored, TransitionKind.REOPENED, FindingStatus.OPEN, "reopened by " + actor, null, actor));
	}

	/**
	 * An editor states that a standing IMPERSONATION finding is confirmed: the public directory then tells citizens who
	 * ask about the account that it is an impersonator. Nothing else is ever published about findings.
	 */
	@Transactional
	public Finding publish(long id, String actor) {
		var stored = lock(id);
		if (stored.type() != FindingType.IMPERSONATION) {
			throw new FindingActionException(false, "problem.publish.type", String.valueOf(id), stored.type().name());
		}
		if (!stored.status().standing() || stored.status() == FindingStatus.DISMISSED) {
			throw new FindingActionException(true, "problem.publish.status", String.valueOf(id),
					stored.status().name());
		}
		jdbc.sql("""
				update finding set published_at = :now, published_by = :actor where id = :id and published_at is null
				""").param("id", id).param("actor", actor).param("now", FindingWriter.timestamp(clock.instant())).update();
		return audited("finding.published", stored.status(), get(id));
	}

	/** An editor takes back a published confirmation: the public directory no longer names the account. */
	@Transactional
	public Finding unpublish(long id, String actor) {
		var stored = lock(id);
		jdbc.sql("update finding set published_at = null, published_by = null where id = :id").param("id", id).update();
		return audited("finding.unpublished", stored.status(), get(id));
	}

	/** A triage action goes to the audit trail, in the action's transaction. */
	private Finding audited(String action, FindingStatus before, Finding after) {
		var facts = new HashMap<String, Object>();
		facts.put("status", after.status().name());
		facts.put("type", after.type().name());
		if (after.dismissReason() != null) {
			facts.put("reason", after.dismissReason());
		}
		if (after.dismissedUntil() != null) {
			facts.put("until", after.dismissedUntil().toString());
		}
		facts.put("published", after.publishedAt() != null);
		events.publishEvent(Audited.change(action, "finding", after.id(), after.organizationId(),
				Map.of("status", before.name()), facts));
		return after;
	}

	private Finding act(Lifecycle.Stored stored, TransitionKind kind, FindingStatus to, @Nullable String reason,
			@Nullable Instant until, String actor) {
		if (stored.status() == FindingStatus.RESOLVED) {
			throw new FindingActionException(true, "problem.finding.resolved", String.valueOf(stored.id()));
		}
		writer.apply(List.of(new Lifecycle.Decision(Lifecycle.Action.UPDATE, stored, null, kind, to, reason, until)),
				clock.instant(), actor);
		return get(stored.id());
	}

	/** The finding, locked, once it is known that the person asking may change its organization. */
	private Lifecycle.Stored lock(long id) {
		var finding = get(id);
		var edited = visibility.edited();
		if (!edited.all() && (finding.organizationId() == null || !edited.contains(finding.organizationId()))) {
			throw new NotAllowedException("You may not change finding " + id);
		}
		return jdbc.sql("""
				select id, type, subject_key, status, fingerprint, dismissed_until from finding where id = :id for update
				""").param("id", id).query((rs, row) -> new Lifecycle.Stored(rs.getLong("id"),
				FindingType.valueOf(rs.getString("type")), rs.getString("subject_key"),
				FindingStatus.valueOf(rs.getString("status")), rs.getString("fingerprint"),
				FactsRepository.instant(rs, "dismissed_until")))
			.optional()
			.orElseThrow(() -> new FindingNotFoundException(id));
	}

	Finding finding(ResultSet rs) throws SQLException {
		return new Finding(rs.getLong("id"), FindingType.valueOf(rs.getString("type")),
				Severity.valueOf(rs.getString("severity")), FindingStatus.valueOf(rs.getString("status")),
				FindingWriter.nullableLong(rs, "account_id"), FindingWriter.nullableLong(rs, "unit_id"),
				FindingWriter.nullableLong(rs, "organization_id"),
				rs.getString("platform"), rs.getString("subject"), rs.getString("summary"),
				writer.map(rs.getString("evidence")), rs.getTimestamp("opened_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), FactsRepository.instant(rs, "resolved_at"),
				FactsRepository.instant(rs, "dismissed_until"), rs.getString("dismiss_reason"),
				FactsRepository.instant(rs, "published_at"));
	}

}
