package org.vigia.overview;

import java.util.Collection;
import java.util.Objects;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.vigia.health.FindingTransition;
import org.vigia.health.FindingsTransitioned;
import org.vigia.health.HealthSwept;
import org.vigia.polling.AccountsChecked;
import org.vigia.registry.AccountsChanged;
import org.vigia.registry.UnitChanged;

/**
 * Every account's health in a table ({@code account_health_snapshot}), for the reads that cover all accounts: the
 * accounts list and the overview. The modules that own what health is made of publish an event inside each
 * transaction that changes it (the registry's {@link AccountsChanged} and {@link UnitChanged}, polling's
 * {@link AccountsChecked}, health's {@link FindingsTransitioned}); this listener notes the accounts in
 * {@code account_health_stale} in that same transaction, so the note commits with the change or not at all. A refresh
 * recomputes the noted accounts (see {@code V10__account_health_snapshot.sql}); readers refresh before they read, so
 * what they show includes every change committed before. A reconcile over every account, every ten minutes, repairs
 * what no event told (a change made by hand in the database).
 */
@Component
public class HealthSnapshot {

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	HealthSnapshot(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		// A transaction of its own, committed before the caller reads: also from inside a read-only one.
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Brings the snapshot up to date with every change committed so far; waits for a refresh already running.
	 * @return how many accounts' health changed
	 */
	public int refresh() {
		Integer changed = transaction
			.execute(status -> jdbc.sql("select refresh_account_health()").query(Integer.class).single());
		return (changed != null) ? changed : 0;
	}

	/**
	 * Recomputes every account's health and writes what differs, whatever was noted: the safety net under the events.
	 * @return how many accounts' health changed
	 */
	public int reconcile() {
		Integer changed = transaction
			.execute(status -> jdbc.sql("select reconcile_account_health()").query(Integer.class).single());
		return (changed != null) ? changed : 0;
	}

	@EventListener
	void on(AccountsChanged changed) {
		note(changed.accountIds());
	}

	@EventListener
	void on(UnitChanged changed) {
		// Whether its accounts are owned follows the unit's contacts.
		jdbc.sql("insert into account_health_stale (account_id) select id from registry_accounts where unit_id = :unit")
			.param("unit", changed.unitId())
			.update();
	}

	@EventListener
	void on(AccountsChecked checked) {
		note(checked.accountIds());
	}

	@EventListener
	void on(FindingsTransitioned transitioned) {
		note(transitioned.transitions()
			.stream()
			.map(FindingTransition::accountId)
			.filter(Objects::nonNull)
			.distinct()
			.toList());
	}

	/** What the sweep and the checks since the last page view changed, on the sweep's thread as before. */
	@EventListener
	void on(HealthSwept swept) {
		refresh();
	}

	/** Notes the accounts in the publisher's transaction: one statement, however many accounts. */
	private void note(Collection<Long> accountIds) {
		if (accountIds.isEmpty()) {
			return;
		}
		jdbc.sql("insert into account_health_stale (account_id) select unnest(:ids::bigint[])")
			.param("ids", accountIds.toArray(Long[]::new))
			.update();
	}

}
