package org.vigia.health;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes lifecycle decisions, set-based: one statement for the new findings, one for the changed ones, one for the
 * transitions. A transition is recorded only for a row this statement actually changed, so two evaluators racing on
 * one finding record one transition, and the event with the transitions is published in the same transaction. A change
 * applies only to the row as the decision saw it (its status and fingerprint): a unit's finding is evaluated with
 * whichever of its accounts, by evaluators that hold no lock in common, and the second to see the same change finds it
 * made already.
 */
@Component
class FindingWriter {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	FindingWriter(JdbcClient jdbc, ApplicationEventPublisher events, JsonMapper json) {
		this.jdbc = jdbc;
		this.events = events;
		this.json = json;
	}

	/** A changed row as it is after the change. */
	private record Row(long id, String subjectKey, FindingType type, Severity severity, @Nullable Long accountId,
			@Nullable Long unitId, @Nullable Long organizationId, @Nullable String platform, String subject,
			String summary, String evidence) {
	}

	/** Applies the decisions and answers the transitions recorded, after publishing them. */
	List<FindingTransition> apply(List<Lifecycle.Decision> decisions, Instant now, String actor) {
		if (decisions.isEmpty()) {
			return List.of();
		}
		var inserts = decisions.stream()
			.filter(decision -> decision.action() == Lifecycle.Action.INSERT)
			.sorted(Comparator.comparing((Lifecycle.Decision d) -> d.condition().type()).thenComparing(d -> d.condition().subjectKey()))
			.toList();
		var updates = decisions.stream()
			.filter(decision -> decision.action() == Lifecycle.Action.UPDATE)
			.sorted(Comparator.comparingLong(d -> d.stored().id()))
			.toList();
		Map<Long, Row> changed = new HashMap<>();
		var transitions = new ArrayList<Pending>();
		if (!inserts.isEmpty()) {
			var byKey = new HashMap<String, Lifecycle.Decision>();
			inserts.forEach(decision -> byKey.put(decision.condition().type() + " " + decision.condition().subjectKey(), decision));
			jdbc.sql("""
					insert into finding (type, subject_key, account_id, unit_id, organization_id, platform, severity, status,
					                     subject, summary, evidence, fingerprint, opened_at, updated_at)
					select t.type, t.subject_key, t.account_id, t.unit_id, t.organization_id, t.platform, t.severity, 'OPEN',
					       t.subject, t.summary, t.evidence::jsonb, t.fingerprint, :now::timestamptz, :now::timestamptz
					from unnest(:types::text[], :keys::text[], :accountIds::bigint[], :unitIds::bigint[],
					            :organizationIds::bigint[], :platforms::text[], :severities::text[], :subjects::text[],
					            :summaries::text[], :evidence::text[], :fingerprints::text[])
					     with ordinality as t(type, subject_key, account_id, unit_id, organization_id, platform, severity,
					                          subject, summary, evidence, fingerprint, n)
					order by t.n
					on conflict (type, subject_key) do nothing
					returning id, subject_key, type, severity, account_id, unit_id, organization_id, platform, subject, summary,
					          evidence::text
					""")
				.param("now", timestamp(now))
				.param("types", inserts.stream().map(d -> d.condition().type().name()).toArray(String[]::new))
				.param("keys", inserts.stream().map(d -> d.condition().subjectKey()).toArray(String[]::new))
				.param("accountIds", inserts.stream().map(d -> d.condition().accountId()).toArray(Long[]::new))
				.param("unitIds", inserts.stream().map(d -> d.condition().unitId()).toArray(Long[]::new))
				.param("organizationIds", inserts.stream().map(d -> d.condition().organizationId()).toArray(Long[]::new))
				.param("platforms", inserts.stream().map(d -> platform(d.condition())).toArray(String[]::new))
				.param("severities", inserts.stream().map(d -> d.condition().type().severity().name()).toArray(String[]::new))
				.param("subjects", inserts.stream().map(d -> d.condition().subject()).toArray(String[]::new))
				.param("summaries", inserts.stream().map(d -> d.condition().summary()).toArray(String[]::new))
				.param("evidence", inserts.stream().map(d -> json.writeValueAsString(d.condition().evidence())).toArray(String[]::new))
				.param("fingerprints", inserts.stream().map(d -> d.condition().fingerprint()).toArray(String[]::new))
				.query((rs, n) -> {
					var row = row(rs);
					changed.put(row.id(), row);
					var decision = byKey.get(row.type() + " " + row.subjectKey());
					if (decision != null) {
						transitions.add(new Pending(row.id(), decision));
					}
					return row;
				})
				.list();
		}
		if (!updates.isEmpty()) {
			var byId = new HashMap<Long, Lifecycle.Decision>();
			updates.forEach(decision -> byId.put(decision.stored().id(), decision));
			jdbc.sql("""
					update finding f set
					    status = t.to_status,
					    subject = coalesce(t.subject, f.subject),
					    summary = coalesce(t.summary, f.summary),
					    evidence = coalesce(t.evidence::jsonb, f.evidence),
					    fingerprint = coalesce(t.fingerprint, f.fingerprint),
					    organization_id = coalesce(t.organization_id, f.organization_id),
					    opened_at = case when f.status = 'RESOLVED' and t.to_status <> 'RESOLVED' then :now::timestamptz else f.opened_at end,
					    resolved_at = case when t.to_status = 'RESOLVED' then :now::timestamptz end,
					    dismissed_until = case when t.to_status <> 'DISMISSED' then null
					                           when t.kind = 'DISMISSED' then t.dismissed_until else f.dismissed_until end,
					    dismiss_reason = case when t.to_status <> 'DISMISSED' then null
					                          when t.kind = 'DISMISSED' then t.dismiss_reason else f.dismiss_reason end,
					    updated_at = :now::timestamptz
					from unnest(:ids::bigint[], :from::text[], :fromFingerprints::text[], :to::text[], :kinds::text[],
					            :subjects::text[], :summaries::text[], :evidence::text[], :fingerprints::text[],
					            :until::timestamptz[], :reasons::text[], :organizationIds::bigint[])
					     as t(id, from_status, from_fingerprint, to_status, kind, subject, summary, evidence, fingerprint,
					          dismissed_until, dismiss_reason, organization_id)
					where f.id = t.id and f.status = t.from_status and f.fingerprint = t.from_fingerprint
					  and (t.kind is not null or f.subject is distinct from t.subject or f.summary is distinct from t.summary
					       or f.evidence is distinct from t.evidence::jsonb)
					returning f.id, f.subject_key, f.type, f.severity, f.account_id, f.unit_id, f.organization_id, f.platform,
					          f.subject, f.summary, f.evidence::text
					""")
				.param("now", timestamp(now))
				.param("ids", updates.stream().map(d -> d.stored().id()).toArray(Long[]::new))
				.param("from", updates.stream().map(d -> d.stored().status().name()).toArray(String[]::new))
				.param("fromFingerprints", updates.stream().map(d -> d.stored().fingerprint()).toArray(String[]::new))
				.param("to", updates.stream().map(d -> d.to().name()).toArray(String[]::new))
				.param("kinds", updates.stream().map(d -> d.kind() == null ? null : d.kind().name()).toArray(String[]::new))
				.param("subjects", updates.stream().map(d -> d.condition() == null ? null : d.condition().subject()).toArray(String[]::new))
				.param("summaries", updates.stream().map(d -> d.condition() == null ? null : d.condition().summary()).toArray(String[]::new))
				.param("evidence", updates.stream()
					.map(d -> d.condition() == null ? null : json.writeValueAsString(d.condition().evidence()))
					.toArray(String[]::new))
				.param("fingerprints", updates.stream().map(d -> d.condition() == null ? null : d.condition().fingerprint()).toArray(String[]::new))
				.param("until", updates.stream().map(d -> d.dismissedUntil() == null ? null : d.dismissedUntil().toString()).toArray(String[]::new))
				.param("reasons", updates.stream().map(d -> d.kind() == TransitionKind.DISMISSED ? d.reason() : null).toArray(String[]::new))
				.param("organizationIds", updates.stream().map(d -> d.condition() == null ? null : d.condition().organizationId()).toArray(Long[]::new))
				.query((rs, n) -> {
					var row = row(rs);
					changed.put(row.id(), row);
					var decision = byId.get(row.id());
					if (decision.kind() != null) {
						transitions.add(new Pending(row.id(), decision));
					}
					return row;
				})
				.list();
		}
		var recorded = record(transitions, changed, now, actor);
		if (!recorded.isEmpty()) {
			events.publishEvent(new FindingsTransitioned(recorded));
		}
		return recorded;
	}

	private record Pending(long findingId, Lifecycle.Decision decision) {
	}

	private List<FindingTransition> record(List<Pending> pending, Map<Long, Row> rows, Instant now, String actor) {
		if (pending.isEmpty()) {
			return List.of();
		}
		var sorted = pending.stream().sorted(Comparator.comparingLong(Pending::findingId)).toList();
		var ids = new ArrayList<Long>();
		jdbc.sql("""
				insert into finding_transition (finding_id, kind, from_status, to_status, at, actor, reason, summary, evidence)
				select t.finding_id, t.kind, t.from_status, t.to_status, :now::timestamptz, :actor, t.reason, t.summary, t.evidence::jsonb
				from unnest(:findingIds::bigint[], :kinds::text[], :from::text[], :to::text[], :reasons::text[],
				            :summaries::text[], :evidence::text[]) with ordinality
				     as t(finding_id, kind, from_status, to_status, reason, summary, evidence, n)
				order by t.n
				returning id
				""")
			.param("now", timestamp(now))
			.param("actor", actor)
			.param("findingIds", sorted.stream().map(Pending::findingId).toArray(Long[]::new))
			.param("kinds", sorted.stream().map(p -> p.decision().kind().name()).toArray(String[]::new))
			.param("from", sorted.stream().map(p -> p.decision().stored() == null ? null : p.decision().stored().status().name()).toArray(String[]::new))
			.param("to", sorted.stream().map(p -> p.decision().to().name()).toArray(String[]::new))
			.param("reasons", sorted.stream().map(p -> p.decision().reason()).toArray(String[]::new))
			.param("summaries", sorted.stream().map(p -> rows.get(p.findingId()).summary()).toArray(String[]::new))
			.param("evidence", sorted.stream().map(p -> rows.get(p.findingId()).evidence()).toArray(String[]::new))
			.query((rs, n) -> ids.add(rs.getLong(1)))
			.list();
		var recorded = new ArrayList<FindingTransition>(sorted.size());
		for (int i = 0; i < sorted.size(); i++) {
			var pendingOne = sorted.get(i);
			var row = rows.get(pendingOne.findingId());
			var decision = pendingOne.decision();
			recorded.add(new FindingTransition(ids.get(i), row.id(), row.type(), row.severity(), decision.kind(),
					decision.stored() == null ? null : decision.stored().status(), decision.to(), now, actor,
					decision.reason(), row.accountId(), row.unitId(), row.organizationId(), row.platform(), row.subject(),
					row.summary(), map(row.evidence())));
		}
		return recorded;
	}

	private static Row row(ResultSet rs) throws SQLException {
		return new Row(rs.getLong("id"), rs.getString("subject_key"), FindingType.valueOf(rs.getString("type")), Severity.valueOf(rs.getString("severity")),
				nullableLong(rs, "account_id"), nullableLong(rs, "unit_id"), nullableLong(rs, "organization_id"),
				rs.getString("platform"),
				rs.getString("subject"), rs.getString("summary"), rs.getString("evidence"));
	}

	static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static @Nullable String platform(Condition condition) {
		return condition.platform() == null ? null : condition.platform().id();
	}

	/** A finding's evidence as stored (jsonb read as text). */
	Map<String, Object> map(String evidence) {
		return json.readValue(evidence, MAP);
	}

	static java.sql.Timestamp timestamp(Instant instant) {
		return java.sql.Timestamp.from(instant);
	}

}
