package org.vigia.polling;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.runs.ClusterNodes;

/**
 * Hands out accounts due for their scheduled check so that each check happens once across the cluster (a poll run's
 * accounts are claimed through {@link org.vigia.runs.Runs}): a compare-and-set claim taken with SKIP LOCKED, naming
 * the node that took it. A claim is void once its node is dead (see {@link ClusterNodes}), so a
 * dead node's accounts are taken over within the cluster's check-in time, or once its lease runs out.
 */
@Component
class Claims {

	private final JdbcClient jdbc;

	private final PollingProperties properties;

	private final Clock clock;

	private final ClusterNodes nodes;

	Claims(JdbcClient jdbc, PollingProperties properties, Clock clock, ClusterNodes nodes) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.nodes = nodes;
	}

	/** Gives every active account without a state one, due at a random point of the next interval. */
	int seedNewAccounts() {
		return jdbc.sql("""
				insert into account_state (account_id, next_due_at, updated_at)
				select a.id, :now + random() * :intervalSeconds * interval '1 second', :now
				from registry_accounts a
				where a.status = 'ACTIVE' and not exists (select 1 from account_state s where s.account_id = a.id)
				on conflict (account_id) do nothing
				""").param("now", now()).param("intervalSeconds", properties.interval().toSeconds()).update();
	}

	/** Claims up to a batch of active accounts whose check is due. */
	@Transactional
	List<Long> claimDueAccounts() {
		var now = now();
		return nodes.bind(jdbc.sql("""
				update account_state s set lease_until = :leaseUntil, claimed_by = :instanceId
				where s.account_id in (
				    select st.account_id from account_state st
				    join registry_accounts a on a.id = st.account_id and a.status = 'ACTIVE'
				    where st.next_due_at <= :now and %s
				    order by st.next_due_at
				    limit :batch
				    for update of st skip locked)
				returning s.account_id
				""".formatted(ClusterNodes.voidClaim("st"))))
			.param("leaseUntil", now.plus(properties.lease()))
			.param("now", now)
			.param("batch", properties.batchSize())
			.query(Long.class)
			.list();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

}
