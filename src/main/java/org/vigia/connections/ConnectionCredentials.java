package org.vigia.connections;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.platform.AccountRef;
import org.vigia.platform.Credential;
import org.vigia.platform.Credentials;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

/**
 * The credentials the adapters read accounts with: the valid connections of the account's organization, those that
 * administer the account (its own token, such as a Page token, or else the connection's), or else a few that
 * administer another account of the organization on the same network, through which the network may let the adapter
 * look the account up (Instagram's Business Discovery). Every token handed out is recorded as read.
 */
@Component
class ConnectionCredentials implements Credentials {

	/** How many look-up credentials an adapter gets to try: one usually answers, a second covers a lost one. */
	static final int LOOKUPS = 2;

	static final String ACTOR = "polling";

	private final JdbcClient jdbc;

	private final TokenStore tokens;

	private final Connections connections;

	private final Clock clock;

	ConnectionCredentials(JdbcClient jdbc, TokenStore tokens, Connections connections, Clock clock) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.connections = connections;
		this.clock = clock;
	}

	private record Candidate(long connectionId, long assetId, String platformId, @Nullable String handle,
			boolean administers, boolean ownToken) {
	}

	@Override
	@Transactional
	public List<Credential> forAccount(Platform platform, AccountRef account) {
		var candidates = jdbc.sql("""
				select ca.connection_id, ca.id as asset_id, ca.platform_id, ca.handle,
				       (ca.account_id is not distinct from :account) as administers,
				       exists (select 1 from connection_token t where t.asset_id = ca.id) as own_token
				from connection_asset ca
				join connection c on c.id = ca.connection_id
				where c.organization_id = :organization and ca.platform = :platform and ca.present
				  and c.state in ('ACTIVE', 'EXPIRING')
				order by (ca.account_id is not distinct from :account) desc, c.last_used_at desc nulls last, ca.id""")
			.param("account", account.accountId())
			.param("organization", account.organizationId())
			.param("platform", platform.name())
			.query((rs, row) -> new Candidate(rs.getLong("connection_id"), rs.getLong("asset_id"),
					rs.getString("platform_id"), rs.getString("handle"), rs.getBoolean("administers"),
					rs.getBoolean("own_token")))
			.list();
		var credentials = new ArrayList<Credential>();
		int lookups = 0;
		var purpose = "check account " + account.accountId();
		for (var candidate : candidates) {
			if (!candidate.administers()) {
				// An account its own connection reaches needs no look-up through another's.
				if (!credentials.isEmpty() || lookups++ >= LOOKUPS) {
					break;
				}
			}
			String token = candidate.ownToken()
					? tokens.read(candidate.connectionId(), TokenStore.Kind.ASSET, candidate.assetId(), ACTOR, purpose)
					: tokens.read(candidate.connectionId(), TokenStore.Kind.ACCESS, null, ACTOR, purpose);
			if (token != null) {
				credentials.add(new Credential(candidate.connectionId(), platform,
						candidate.administers() ? Credential.Reach.ADMINISTERS : Credential.Reach.LOOKS_UP, token,
						candidate.platformId(), candidate.handle()));
			}
		}
		return credentials;
	}

	@Override
	public void worked(Credential credential) {
		// Throttled, not written on every check: the row is shared by every account the connection reaches, and a poll
		// run checking them in parallel would otherwise queue on its lock. To the minute is all lastUsedAt promises.
		var now = clock.instant();
		jdbc.sql("update connection set last_used_at = :now where id = :id and (last_used_at is null or last_used_at < :stale)")
			.param("id", credential.connectionId())
			.param("now", Timestamp.from(now))
			.param("stale", Timestamp.from(now.minus(java.time.Duration.ofMinutes(1))))
			.update();
	}

	@Override
	public void refused(Credential credential, Message reason) {
		connections.changeState(credential.connectionId(), ConnectionState.FAILING, reason);
	}

}
