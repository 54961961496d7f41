package org.vigia.overview;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.vigia.health.HealthSwept;

/**
 * Every account's health in a table ({@code account_health_snapshot}), for the reads that cover all accounts: the
 * accounts list and the overview. Triggers note in {@code account_health_stale} which accounts a change touched; a
 * refresh recomputes them (see {@code V10__account_health_snapshot.sql}). Readers refresh before they read, so what
 * they show includes every change committed before.
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

	/** What the sweep and the checks since the last page view changed, on the sweep's thread as before. */
	@EventListener
	void on(HealthSwept swept) {
		refresh();
	}

}
