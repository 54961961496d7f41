package org.vigia.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

/**
 * The findings recertification answers open and resolve: LOST_CONTROL when an owner says the account is no longer the
 * institution's, ACCOUNT_SECURITY when two-factor authentication or the recovery address is not the institution's, and
 * UNCERTIFIED when nobody answered before the round closed. They go through the finding lifecycle like every other, so
 * a dismissal holds and alerts follow; the rules' sweep leaves them alone. An answer also has the account's rules judged
 * again at once, since a reported last post counts for the silence rules where Vigía cannot read the network.
 */
@Service
public class Attestations {

	private final JdbcClient jdbc;

	private final FindingWriter writer;

	private final Evaluator evaluator;

	Attestations(JdbcClient jdbc, FindingWriter writer, Evaluator evaluator) {
		this.jdbc = jdbc;
		this.writer = writer;
		this.evaluator = evaluator;
	}

	/** What an owner answered about an account, as far as findings are concerned. */
	public record Answer(long accountId, boolean lostControl, boolean noInstitutionalTwoFactor,
			boolean personalRecovery, String answeredBy) {
	}

	/**
	 * Applies an answer: opens or resolves LOST_CONTROL and ACCOUNT_SECURITY, and resolves UNCERTIFIED (the account was
	 * recertified).
	 */
	@Transactional
	public void answered(Answer answer, Instant now) {
		var accounts = accounts(List.of(answer.accountId()));
		var account = accounts.get(answer.accountId());
		if (account == null) {
			return;
		}
		var stored = stored(List.of(answer.accountId()));
		var decisions = new ArrayList<Lifecycle.Decision>();
		Condition lost = null;
		if (answer.lostControl()) {
			var evidence = new LinkedHashMap<String, Object>();
			evidence.put("answeredBy", answer.answeredBy());
			evidence.put("answeredAt", now.toString());
			lost = condition(FindingType.LOST_CONTROL, account,
					Message.of("finding.summary.lost-control", answer.answeredBy()), evidence, "lost");
		}
		add(decisions, stored, FindingType.LOST_CONTROL, account, lost, now, "an owner says the account is the institution's");
		Condition security = null;
		if (answer.noInstitutionalTwoFactor() || answer.personalRecovery()) {
			var evidence = new LinkedHashMap<String, Object>();
			evidence.put("noInstitutionalTwoFactor", answer.noInstitutionalTwoFactor());
			evidence.put("personalRecovery", answer.personalRecovery());
			evidence.put("answeredBy", answer.answeredBy());
			var code = answer.noInstitutionalTwoFactor()
					? (answer.personalRecovery() ? "finding.summary.account-security.both"
							: "finding.summary.account-security.two-factor")
					: "finding.summary.account-security.recovery";
			security = condition(FindingType.ACCOUNT_SECURITY, account, Message.of(code, answer.answeredBy()), evidence,
					answer.noInstitutionalTwoFactor() + " " + answer.personalRecovery());
		}
		add(decisions, stored, FindingType.ACCOUNT_SECURITY, account, security, now,
				"an owner says the access is the institution's");
		add(decisions, stored, FindingType.UNCERTIFIED, account, null, now, "the account was recertified");
		writer.apply(decisions, now, "recertification");
		// A reported last post is evidence for the silence rules (read from recertification_reported_activity): judge
		// the account again now rather than at the next sweep.
		evaluator.evaluate(List.of(answer.accountId()));
	}

	/** Opens UNCERTIFIED for these accounts: their round closed without an answer. */
	@Transactional
	public void uncertified(Collection<Long> accountIds, Instant closedAt, Instant now) {
		if (accountIds.isEmpty()) {
			return;
		}
		var ids = List.copyOf(accountIds);
		var accounts = accounts(ids);
		var stored = stored(ids);
		var decisions = new ArrayList<Lifecycle.Decision>();
		for (var account : accounts.values()) {
			var evidence = new LinkedHashMap<String, Object>();
			evidence.put("roundClosedAt", closedAt.toString());
			var condition = condition(FindingType.UNCERTIFIED, account,
					Message.of("finding.summary.uncertified", closedAt.toString().substring(0, 10)), evidence,
					closedAt.toString());
			add(decisions, stored, FindingType.UNCERTIFIED, account, condition, now, null);
		}
		writer.apply(decisions, now, "recertification");
	}

	private record Account(long id, long organizationId, @Nullable Long unitId, Platform platform, String handle) {
	}

	private static void add(List<Lifecycle.Decision> decisions, Map<String, Lifecycle.Stored> stored, FindingType type,
			Account account, @Nullable Condition condition, Instant now, @Nullable String clearedReason) {
		var decision = Lifecycle.decide(stored.get(FactsRepository.key(type, Condition.accountKey(account.id()))),
				condition, false, clearedReason, now);
		if (decision != null) {
			decisions.add(decision);
		}
	}

	private static Condition condition(FindingType type, Account account, Message summary, Map<String, Object> evidence,
			String fingerprint) {
		return new Condition(type, Condition.accountKey(account.id()), account.id(), null, account.organizationId(),
				account.platform(), Message.of("subject.account", account.handle(), account.platform().label()).encode(),
				summary.encode(), evidence, fingerprint);
	}

	private Map<Long, Account> accounts(List<Long> ids) {
		Map<Long, Account> accounts = new HashMap<>();
		jdbc.sql("""
				select id, organization_id, unit_id, platform, handle from registry_accounts account
				where id = any(:ids) order by id for no key update
				""").param("ids", ids.toArray(Long[]::new)).query(rs -> {
			accounts.put(rs.getLong("id"), new Account(rs.getLong("id"), rs.getLong("organization_id"),
					FindingWriter.nullableLong(rs, "unit_id"), Platform.valueOf(rs.getString("platform")),
					rs.getString("handle")));
		});
		return accounts;
	}

	private Map<String, Lifecycle.Stored> stored(List<Long> ids) {
		Map<String, Lifecycle.Stored> stored = new HashMap<>();
		jdbc.sql("""
				select id, type, subject_key, status, fingerprint, dismissed_until from finding
				where account_id = any(:ids) and type in ('LOST_CONTROL', 'ACCOUNT_SECURITY', 'UNCERTIFIED')
				for update
				""").param("ids", ids.toArray(Long[]::new)).query(rs -> {
			var finding = new Lifecycle.Stored(rs.getLong("id"), FindingType.valueOf(rs.getString("type")),
					rs.getString("subject_key"), FindingStatus.valueOf(rs.getString("status")), rs.getString("fingerprint"),
					FactsRepository.instant(rs, "dismissed_until"));
			stored.put(FactsRepository.key(finding.type(), finding.subjectKey()), finding);
		});
		return stored;
	}

}
