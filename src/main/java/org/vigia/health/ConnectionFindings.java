package org.vigia.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.connections.Connection;
import org.vigia.connections.ConnectionState;
import org.vigia.connections.Connections;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

/**
 * The findings connections open and resolve. ACCESS_LOST (per account): connections reached the account before and
 * none that is valid reaches it now (the network refused the token, it expired, or the person no longer administers
 * the account); a connection an editor disconnected in Vigía was given up, not lost, and opens nothing.
 * CONNECTION_EXPIRING (per connection): a connection that cannot be refreshed expires within 14 days. Read from the
 * connections' {@code connections_account_coverage} view and Java API; judged again whenever connections change and by
 * every sweep, and left alone by the account rules.
 */
@Service
public class ConnectionFindings {

	/** How long before its expiry a connection that cannot be refreshed is reported (as the connections module marks it). */
	static final Duration EXPIRING_AHEAD = Duration.ofDays(14);

	static final String ACTOR = "connections";

	private final JdbcClient jdbc;

	private final FindingWriter writer;

	private final Connections connections;

	ConnectionFindings(JdbcClient jdbc, FindingWriter writer, Connections connections) {
		this.jdbc = jdbc;
		this.writer = writer;
		this.connections = connections;
	}

	static String connectionKey(long connectionId) {
		return "connection:" + connectionId;
	}

	/** Judges ACCESS_LOST for these accounts and CONNECTION_EXPIRING for these connections, behind a savepoint. */
	@Transactional(propagation = Propagation.NESTED)
	public List<FindingTransition> evaluate(Collection<Long> connectionIds, Collection<Long> accountIds, Instant now) {
		var decisions = new ArrayList<Lifecycle.Decision>();
		decisions.addAll(accessLost(List.copyOf(new TreeSet<>(accountIds)), now));
		decisions.addAll(expiring(List.copyOf(new TreeSet<>(connectionIds)), now));
		return writer.apply(decisions, now, ACTOR);
	}

	/** Judges every account a connection reaches or reached, every connection, and every standing finding of theirs. */
	@Transactional
	public List<FindingTransition> sweep(Instant now) {
		var accounts = new TreeSet<>(jdbc.sql("select distinct account_id from connections_account_coverage")
			.query(Long.class)
			.list());
		accounts.addAll(jdbc.sql("""
				select account_id from finding where type = 'ACCESS_LOST' and status <> 'RESOLVED' and account_id is not null""")
			.query(Long.class)
			.list());
		var connectionIds = new TreeSet<Long>();
		connections.list(null).forEach(connection -> connectionIds.add(connection.id()));
		jdbc.sql("select subject_key from finding where type = 'CONNECTION_EXPIRING' and status <> 'RESOLVED'")
			.query(String.class)
			.list()
			.forEach(key -> connectionIds.add(Long.parseLong(key.substring(key.indexOf(':') + 1))));
		var decisions = new ArrayList<Lifecycle.Decision>();
		decisions.addAll(accessLost(List.copyOf(accounts), now));
		decisions.addAll(expiring(List.copyOf(connectionIds), now));
		return writer.apply(decisions, now, ACTOR);
	}

	private record Account(long id, long organizationId, Platform platform, String handle, boolean active) {
	}

	private record Reach(long connectionId, @Nullable String networkUserName, String state, boolean present,
			boolean valid) {
	}

	private List<Lifecycle.Decision> accessLost(List<Long> accountIds, Instant now) {
		if (accountIds.isEmpty()) {
			return List.of();
		}
		var ids = accountIds.toArray(Long[]::new);
		var accounts = new LinkedHashMap<Long, Account>();
		jdbc.sql("""
				select id, organization_id, platform, handle, status from registry_accounts
				where id = any(:ids) order by id for no key update""").param("ids", ids).query(rs -> {
			accounts.put(rs.getLong("id"), new Account(rs.getLong("id"), rs.getLong("organization_id"),
					Platform.valueOf(rs.getString("platform")), rs.getString("handle"),
					"ACTIVE".equals(rs.getString("status"))));
		});
		var reaches = new HashMap<Long, List<Reach>>();
		jdbc.sql("""
				select account_id, connection_id, network_user_name, state, present, valid
				from connections_account_coverage where account_id = any(:ids) order by account_id, connection_id""")
			.param("ids", ids)
			.query(rs -> {
				reaches.computeIfAbsent(rs.getLong("account_id"), key -> new ArrayList<>())
					.add(new Reach(rs.getLong("connection_id"), rs.getString("network_user_name"), rs.getString("state"),
							rs.getBoolean("present"), rs.getBoolean("valid")));
			});
		var stored = stored("account_id = any(:ids) and type = 'ACCESS_LOST'", ids);
		var decisions = new ArrayList<Lifecycle.Decision>();
		for (var account : accounts.values()) {
			var reach = reaches.getOrDefault(account.id(), List.of());
			boolean watched = reach.stream().anyMatch(Reach::valid);
			var lost = reach.stream()
				.filter(r -> !r.valid() && !ConnectionState.REVOKED.name().equals(r.state()))
				.toList();
			Condition condition = null;
			String cleared = null;
			if (!account.active()) {
				cleared = Message.of("reason.archived").encode();
			}
			else if (watched) {
				cleared = Message.of("reason.reconnected").encode();
			}
			else if (lost.isEmpty()) {
				cleared = Message.of("reason.disconnected").encode();
			}
			else {
				condition = accessLostCondition(account, lost);
			}
			var decision = Lifecycle.decide(
					stored.get(FactsRepository.key(FindingType.ACCESS_LOST, Condition.accountKey(account.id()))),
					condition, false, cleared, now);
			if (decision != null) {
				decisions.add(decision);
			}
		}
		return decisions;
	}

	private static Condition accessLostCondition(Account account, List<Reach> lost) {
		var how = new ArrayList<Object>();
		var evidence = new LinkedHashMap<String, Object>();
		var listed = new ArrayList<Map<String, Object>>();
		for (var reach : lost) {
			var name = (reach.networkUserName() != null) ? reach.networkUserName() : "#" + reach.connectionId();
			how.add(reach.present()
					? Message.of("finding.access-lost.connection", name, Message.of("connections.state." + reach.state()))
					: Message.of("finding.access-lost.absent", name));
			var one = new LinkedHashMap<String, Object>();
			one.put("connectionId", reach.connectionId());
			one.put("grantedBy", reach.networkUserName());
			one.put("state", reach.state());
			one.put("administers", reach.present());
			listed.add(one);
		}
		evidence.put("connections", listed);
		var fingerprint = String.join(",", lost.stream().map(r -> String.valueOf(r.connectionId())).toList());
		return new Condition(FindingType.ACCESS_LOST, Condition.accountKey(account.id()), account.id(), null,
				account.organizationId(), account.platform(),
				Message.of("subject.account", account.handle(), account.platform().label()).encode(),
				Message.of("finding.summary.access-lost", how).encode(), evidence, fingerprint);
	}

	private List<Lifecycle.Decision> expiring(List<Long> connectionIds, Instant now) {
		if (connectionIds.isEmpty()) {
			return List.of();
		}
		var keys = connectionIds.stream().map(ConnectionFindings::connectionKey).toArray(String[]::new);
		var stored = stored("subject_key = any(:ids) and type = 'CONNECTION_EXPIRING'", keys);
		var known = new HashMap<Long, Connection>();
		for (var connection : connections.list(null)) {
			if (connectionIds.contains(connection.id())) {
				known.put(connection.id(), connection);
			}
		}
		var decisions = new ArrayList<Lifecycle.Decision>();
		for (long id : connectionIds) {
			var connection = known.get(id);
			Condition condition = null;
			String cleared = null;
			if (connection == null) {
				cleared = Message.of("reason.disconnected").encode();
			}
			else if (expiring(connection, now)) {
				condition = expiringCondition(connection);
			}
			else if (!connection.state().valid()) {
				cleared = Message.of("reason.connectionEnded", Message.of("connections.state." + connection.state().name()))
					.encode();
			}
			else {
				cleared = Message.of("reason.connectionRenewed").encode();
			}
			var decision = Lifecycle.decide(stored.get(FactsRepository.key(FindingType.CONNECTION_EXPIRING,
					connectionKey(id))), condition, false, cleared, now);
			if (decision != null) {
				decisions.add(decision);
			}
		}
		return decisions;
	}

	/** Valid, cannot be refreshed, and expires within 14 days (or the connections module already says EXPIRING). */
	static boolean expiring(Connection connection, Instant now) {
		if (connection.state() == ConnectionState.EXPIRING) {
			return true;
		}
		return connection.state() == ConnectionState.ACTIVE && !connection.refreshable()
				&& connection.expiresAt() != null && connection.expiresAt().isAfter(now)
				&& !connection.expiresAt().isAfter(now.plus(EXPIRING_AHEAD));
	}

	private static Condition expiringCondition(Connection connection) {
		var name = (connection.networkUserName() != null) ? connection.networkUserName() : connection.networkUserId();
		var platforms = new TreeSet<Platform>();
		connection.assets().stream().filter(Connection.Asset::present).forEach(asset -> platforms.add(asset.platform()));
		Platform platform = platforms.isEmpty() ? null : platforms.first();
		var networks = String.join(", ", platforms.stream().map(Platform::label).toList());
		var expires = (connection.expiresAt() != null) ? connection.expiresAt().toString().substring(0, 10) : "";
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("connectionId", connection.id());
		evidence.put("registration", connection.registration());
		evidence.put("grantedBy", connection.networkUserName());
		evidence.put("connectedBy", connection.grantedBy());
		evidence.put("expiresAt", String.valueOf(connection.expiresAt()));
		evidence.put("accountIds", connection.accountIds());
		return new Condition(FindingType.CONNECTION_EXPIRING, connectionKey(connection.id()), null, null,
				connection.organizationId(), platform,
				Message.of("subject.connection", name, networks.isEmpty() ? connection.registration() : networks).encode(),
				Message.of("finding.summary.connection-expiring", name, expires, connection.accountIds().size()).encode(),
				evidence, expires);
	}

	private Map<String, Lifecycle.Stored> stored(String where, Object[] ids) {
		Map<String, Lifecycle.Stored> stored = new HashMap<>();
		jdbc.sql("select id, type, subject_key, status, fingerprint, dismissed_until from finding where " + where
				+ " for update").param("ids", ids).query(rs -> {
			var finding = new Lifecycle.Stored(rs.getLong("id"), FindingType.valueOf(rs.getString("type")),
					rs.getString("subject_key"), FindingStatus.valueOf(rs.getString("status")), rs.getString("fingerprint"),
					FactsRepository.instant(rs, "dismissed_until"));
			stored.put(FactsRepository.key(finding.type(), finding.subjectKey()), finding);
		});
		return stored;
	}

}
