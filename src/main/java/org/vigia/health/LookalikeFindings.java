package org.vigia.health;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

/**
 * Discovery's door into findings: what it should look at again (standing look-alike findings, released handles, the
 * allowlist) and where it hands its verdicts, which open, update, resolve and reopen IMPERSONATION and UNREGISTERED
 * findings through the same lifecycle as every other finding.
 */
@Service
public class LookalikeFindings {

	private static final List<FindingType> TYPES = List.of(FindingType.IMPERSONATION, FindingType.UNREGISTERED);

	private final JdbcClient jdbc;

	private final FindingWriter writer;

	private final Clock clock;

	LookalikeFindings(JdbcClient jdbc, FindingWriter writer, Clock clock) {
		this.jdbc = jdbc;
		this.writer = writer;
		this.clock = clock;
	}

	/** The organization's standing (not resolved) look-alike findings, to be looked at again. */
	@Transactional(readOnly = true)
	public List<Lookalike> standing(long organizationId) {
		return jdbc.sql("""
				select id, type, status, platform, evidence -> 'candidate' ->> 'handle' as handle,
				       evidence -> 'candidate' ->> 'url' as url, evidence -> 'candidate' ->> 'platformId' as platform_id
				from finding
				where organization_id = :organizationId and type in ('IMPERSONATION', 'UNREGISTERED')
				  and status <> 'RESOLVED'
				order by id
				""").param("organizationId", organizationId).query((rs, row) -> new Lookalike(rs.getLong("id"),
				FindingType.valueOf(rs.getString("type")), FindingStatus.valueOf(rs.getString("status")),
				platform(rs.getString("platform")), rs.getString("handle"), rs.getString("url"),
				rs.getString("platform_id")))
			.list()
			.stream()
			.filter(lookalike -> lookalike.handle() != null && lookalike.url() != null)
			.toList();
	}

	/** The organization's accounts whose handle is or may become free: standing GONE and MOVED findings. */
	@Transactional(readOnly = true)
	public List<ReleasedAccount> released(long organizationId) {
		return jdbc.sql("""
				select distinct on (a.id) a.id, a.organization_id, a.platform, a.handle, a.url, s.platform_id, f.type
				from finding f
				join registry_accounts a on a.id = f.account_id
				left join polling_account_states s on s.account_id = a.id
				where f.organization_id = :organizationId and f.type in ('GONE', 'MOVED') and f.status <> 'RESOLVED'
				order by a.id, f.type
				""").param("organizationId", organizationId).query((rs, row) -> new ReleasedAccount(rs.getLong("id"),
				rs.getLong("organization_id"), Platform.valueOf(rs.getString("platform")), rs.getString("handle"),
				rs.getString("url"), rs.getString("platform_id"), FindingType.valueOf(rs.getString("type"))))
			.list();
	}

	/** The namesakes people allowlisted for the organization. */
	@Transactional(readOnly = true)
	public List<AllowlistedLookalike> allowlist(long organizationId) {
		return jdbc.sql("""
				select organization_id, platform, handle, platform_id, reason, actor, created_at
				from lookalike_allowlist where organization_id = :organizationId order by platform, handle
				""").param("organizationId", organizationId).query((rs, row) -> new AllowlistedLookalike(
				rs.getLong("organization_id"), platform(rs.getString("platform")), rs.getString("handle"),
				rs.getString("platform_id"), rs.getString("reason"), rs.getString("actor"),
				rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/**
	 * Records a run's verdicts on the organization's look-alikes: a verdict of one type opens or updates that finding
	 * and resolves the other type's, a cleared verdict resolves both, a held one changes nothing. The transitions are
	 * published with the finding changes, in this transaction.
	 */
	@Transactional
	public List<FindingTransition> record(long organizationId, List<LookalikeVerdict> verdicts) {
		if (verdicts.isEmpty()) {
			return List.of();
		}
		var now = clock.instant();
		var keys = verdicts.stream().map(LookalikeVerdict::subjectKey).distinct().toArray(String[]::new);
		Map<String, Lifecycle.Stored> stored = new java.util.HashMap<>();
		jdbc.sql("""
				select id, type, subject_key, status, fingerprint, dismissed_until from finding
				where type in ('IMPERSONATION', 'UNREGISTERED') and subject_key = any(:keys)
				order by id
				for update
				""").param("keys", keys).query(rs -> {
			var finding = new Lifecycle.Stored(rs.getLong("id"), FindingType.valueOf(rs.getString("type")),
					rs.getString("subject_key"), FindingStatus.valueOf(rs.getString("status")),
					rs.getString("fingerprint"), FactsRepository.instant(rs, "dismissed_until"));
			stored.put(FactsRepository.key(finding.type(), finding.subjectKey()), finding);
		});
		var decisions = new ArrayList<Lifecycle.Decision>();
		for (var verdict : verdicts) {
			var conditions = new EnumMap<FindingType, Condition>(FindingType.class);
			if (verdict.type() != null) {
				conditions.put(verdict.type(), condition(organizationId, verdict));
			}
			for (var type : TYPES) {
				var reason = (verdict.type() != null) ? Message.of("reason.now", Message.of("type." + verdict.type().name())).encode() : verdict.clearedReason();
				var decision = Lifecycle.decide(stored.get(FactsRepository.key(type, verdict.subjectKey())),
						conditions.get(type), verdict.held(), reason, now);
				if (decision != null) {
					decisions.add(decision);
				}
			}
		}
		return writer.apply(decisions, now, FindingTransition.RULES);
	}

	private static Condition condition(long organizationId, LookalikeVerdict verdict) {
		// Material: which account holds the handle. A new owner wakes a dismissed finding; a new bio does not.
		var fingerprint = verdict.type() + " " + verdict.platform().id() + ":" + verdict.handle() + " "
				+ ((verdict.platformId() != null) ? verdict.platformId() : "");
		return new Condition(verdict.type(), verdict.subjectKey(), verdict.accountId(), null, organizationId,
				verdict.platform(), subject(verdict), verdict.summary(), verdict.evidence(), fingerprint);
	}

	private static String subject(LookalikeVerdict verdict) {
		return Message.of("subject.account", verdict.handle(), verdict.platform().label()).encode();
	}

	/** Adds a dismissed IMPERSONATION finding's account to its organization's allowlist, with the reason given. */
	void allowlist(long findingId, String actor, String reason) {
		jdbc.sql("""
				insert into lookalike_allowlist (organization_id, platform, handle, platform_id, reason, actor, created_at)
				select organization_id, platform, evidence -> 'candidate' ->> 'handle',
				       evidence -> 'candidate' ->> 'platformId', :reason, :actor, :now
				from finding
				where id = :id and type = 'IMPERSONATION' and organization_id is not null and platform is not null
				  and evidence -> 'candidate' ->> 'handle' is not null
				on conflict (organization_id, platform, handle) do update
				set platform_id = excluded.platform_id, reason = excluded.reason, actor = excluded.actor,
				    created_at = excluded.created_at
				""").param("id", findingId).param("reason", reason).param("actor", actor)
			.param("now", FindingWriter.timestamp(clock.instant()))
			.update();
	}

	/** Takes a reopened IMPERSONATION finding's account off the allowlist: someone changed their mind. */
	void unlist(long findingId) {
		jdbc.sql("""
				delete from lookalike_allowlist l using finding f
				where f.id = :id and f.type = 'IMPERSONATION' and l.organization_id = f.organization_id
				  and l.platform = f.platform and l.handle = f.evidence -> 'candidate' ->> 'handle'
				""").param("id", findingId).update();
	}

	/** Findings and the allowlist name platforms by their id, as the API does ({@code bluesky}). */
	private static Platform platform(String id) {
		return Platform.fromId(id).orElseThrow(() -> new IllegalStateException("Unknown platform " + id));
	}

}
