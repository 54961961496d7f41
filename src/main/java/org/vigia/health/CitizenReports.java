package org.vigia.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.vigia.platform.Message;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns citizens' reports into findings: a report that reaches the look-alike threshold opens or strengthens the
 * IMPERSONATION finding discovery would open about the account (same subject, so both add up); one below it opens a
 * REPORTED finding for triage. Both go through the finding lifecycle, so a dismissal holds and alerts follow.
 */
@Service
public class CitizenReports {

	private final JdbcClient jdbc;

	private final FindingWriter writer;

	private final MessageSource messages;

	CitizenReports(JdbcClient jdbc, FindingWriter writer, MessageSource messages) {
		this.jdbc = jdbc;
		this.writer = writer;
		this.messages = messages;
	}

	private record StoredFinding(Lifecycle.Stored stored, Map<String, Object> evidence, String summary) {
	}

	/** Records the report's finding and answers its id. */
	@Transactional
	public long record(CitizenReport report) {
		var type = report.impersonation() ? FindingType.IMPERSONATION : FindingType.REPORTED;
		var key = report.impersonation() ? LookalikeVerdict.subjectKey(report.platform(), report.handle())
				: "reported:" + report.platform().id() + ":" + report.handle();
		var existing = jdbc.sql("""
				select id, type, subject_key, status, fingerprint, dismissed_until, evidence::text as evidence, summary
				from finding where type = :type and subject_key = :key for update
				""").param("type", type.name()).param("key", key).query((rs, row) -> new StoredFinding(
				new Lifecycle.Stored(rs.getLong("id"), type, key, FindingStatus.valueOf(rs.getString("status")),
						rs.getString("fingerprint"), FactsRepository.instant(rs, "dismissed_until")),
				writer.map(rs.getString("evidence")), rs.getString("summary")))
			.optional()
			.orElse(null);
		var evidence = new LinkedHashMap<String, Object>();
		String summary;
		String fingerprint;
		if (existing != null && type == FindingType.IMPERSONATION) {
			// Discovery's evidence stays as it is; the reports are added to it. The fingerprint too: a report does not
			// wake a namesake someone dismissed.
			evidence.putAll(existing.evidence());
			summary = existing.summary();
			fingerprint = existing.stored().fingerprint();
		}
		else {
			var candidate = new LinkedHashMap<String, Object>();
			candidate.put("platform", report.platform().id());
			candidate.put("handle", report.handle());
			candidate.put("url", report.url());
			evidence.put("candidate", candidate);
			evidence.put("score", report.points());
			evidence.put("threshold", report.threshold());
			evidence.put("reasons", report.reasons());
			var code = report.impersonation() ? "finding.summary.impersonation.reported"
					: "finding.summary.reported";
			Object[] arguments = { report.handle(), report.platform().label(), report.points(), report.threshold(),
					(report.imitatedHandle() != null) ? report.imitatedHandle() : "-" };
			evidence.put("summaryCode", code);
			evidence.put("summaryArguments", List.of(arguments));
			summary = Message.of(code, arguments).encode();
			fingerprint = type + " " + report.platform().id() + ":" + report.handle();
		}
		var reports = new LinkedHashMap<String, Object>();
		reports.put("count", report.reports());
		reports.put("lastReportedAt", report.reportedAt().toString());
		evidence.put("reportedByThePublic", reports);
		var condition = new Condition(type, key, report.imitatedAccountId(), null, report.organizationId(),
				report.platform(), Message.of("subject.account", report.handle(), report.platform().label()).encode(), summary, evidence, fingerprint);
		var decisions = new ArrayList<Lifecycle.Decision>();
		var decision = Lifecycle.decide((existing != null) ? existing.stored() : null, condition, false, null,
				report.reportedAt());
		if (decision != null) {
			decisions.add(decision);
		}
		writer.apply(decisions, report.reportedAt(), "public");
		return id(type, key);
	}

	private long id(FindingType type, String key) {
		return jdbc.sql("select id from finding where type = :type and subject_key = :key")
			.param("type", type.name())
			.param("key", key)
			.query(Long.class)
			.single();
	}

}
