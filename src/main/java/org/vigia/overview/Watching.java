package org.vigia.overview;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.vigia.connections.Connections;
import org.vigia.overview.AccountHealth.WatchKind;
import org.vigia.overview.AccountHealth.WatchedBy;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

/**
 * How each account is watched: publicly where its network answers without credentials, else through a valid connection
 * that administers it (or, on Instagram, any valid connection of the organization to an Instagram account, through
 * Business Discovery), else not at all, saying why and what would fix it. Read from the connections'
 * {@code connections_account_coverage} view; which networks can be connected at all from the configured registrations.
 */
@Component
class Watching {

	/** Networks where any of the organization's connections looks an account up (Business Discovery). */
	static final Set<Platform> LOOKED_UP = EnumSet.of(Platform.INSTAGRAM);

	private final JdbcClient jdbc;

	private final Connections connections;

	Watching(JdbcClient jdbc, Connections connections) {
		this.jdbc = jdbc;
		this.connections = connections;
	}

	/** The networks a configured connection reaches. */
	Set<Platform> connectable() {
		var platforms = EnumSet.noneOf(Platform.class);
		connections.registrations().forEach(registration -> platforms.addAll(registration.platforms()));
		return platforms;
	}

	private record Account(long id, long organizationId, Platform platform) {
	}

	private record Reach(long accountId, long organizationId, String platform, long connectionId,
			@Nullable String grantedBy, String state, boolean present, boolean valid, String grantedAt) {
	}

	Map<Long, WatchedBy> of(Collection<Long> accountIds) {
		Map<Long, WatchedBy> watched = new HashMap<>();
		if (accountIds.isEmpty()) {
			return watched;
		}
		var ids = accountIds.toArray(Long[]::new);
		var accounts = jdbc.sql("select id, organization_id, platform from registry_accounts where id = any(:ids)")
			.param("ids", ids)
			.query((rs, row) -> new Account(rs.getLong("id"), rs.getLong("organization_id"),
					Platform.valueOf(rs.getString("platform"))))
			.list();
		var organizations = accounts.stream()
			.filter(account -> LOOKED_UP.contains(account.platform()))
			.map(Account::organizationId)
			.distinct()
			.toArray(Long[]::new);
		var reaches = jdbc.sql("""
				select account_id, organization_id, platform, connection_id, network_user_name, state, present, valid,
				       to_char(granted_at at time zone 'UTC', 'YYYY-MM-DD') as granted_on
				from connections_account_coverage
				where account_id = any(:ids) or (platform = 'INSTAGRAM' and valid and organization_id = any(:organizations))
				order by valid desc, granted_at desc, connection_id""")
			.param("ids", ids)
			.param("organizations", organizations)
			.query((rs, row) -> new Reach(rs.getLong("account_id"), rs.getLong("organization_id"), rs.getString("platform"),
					rs.getLong("connection_id"), rs.getString("network_user_name"), rs.getString("state"),
					rs.getBoolean("present"), rs.getBoolean("valid"), rs.getString("granted_on")))
			.list();
		Set<Platform> connectable = null;
		for (var account : accounts) {
			var platform = account.platform();
			if (platform.pollable()) {
				watched.put(account.id(), new WatchedBy(WatchKind.PUBLIC, null, null,
						Message.of("watched.PUBLIC", platform.label()).encode()));
				continue;
			}
			var own = new ArrayList<Reach>();
			Reach lookup = null;
			for (var reach : reaches) {
				if (reach.accountId() == account.id()) {
					own.add(reach);
				}
				else if (lookup == null && reach.valid() && LOOKED_UP.contains(platform)
						&& reach.organizationId() == account.organizationId()
						&& reach.platform().equals(platform.name())) {
					lookup = reach;
				}
			}
			var valid = own.stream().filter(Reach::valid).findFirst().orElse(null);
			if (valid != null) {
				watched.put(account.id(), new WatchedBy(WatchKind.CONNECTION, valid.connectionId(), valid.grantedBy(),
						Message.of("watched.CONNECTION", name(valid), valid.grantedAt()).encode()));
				continue;
			}
			if (lookup != null) {
				watched.put(account.id(), new WatchedBy(WatchKind.CONNECTION, lookup.connectionId(), lookup.grantedBy(),
						Message.of("watched.CONNECTION.lookup", name(lookup)).encode()));
				continue;
			}
			var lost = own.stream().filter(reach -> !"REVOKED".equals(reach.state())).findFirst().orElse(null);
			if (lost != null) {
				var why = lost.present() ? Message.of("connections.state." + lost.state())
						: Message.of("connections.asset.absent");
				watched.put(account.id(), new WatchedBy(WatchKind.NONE, lost.connectionId(), lost.grantedBy(),
						Message.of("watched.NONE.lost", name(lost), why).encode()));
				continue;
			}
			if (connectable == null) {
				connectable = connectable();
			}
			watched.put(account.id(), new WatchedBy(WatchKind.NONE, null, null,
					Message.of(connectable.contains(platform) ? "watched.NONE.connect" : "watched.NONE.unsupported",
							platform.label()).encode()));
		}
		return watched;
	}

	private static String name(Reach reach) {
		return (reach.grantedBy() != null) ? reach.grantedBy() : "#" + reach.connectionId();
	}

}
