package org.vigia.connections;

import org.vigia.common.Visibility;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.common.Audited;
import org.vigia.platform.Message;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.Platform;

/**
 * The connections: granting one (after the OAuth flow), listing them without their tokens, disconnecting one (revoking
 * it at the network where the network allows). Each change publishes {@link ConnectionsChanged}.
 */
@Service
public class Connections {

	private static final Logger log = LoggerFactory.getLogger(Connections.class);

	/** A client registration a connection can be granted through: its id, its name and the networks it reaches. */
	public record Registration(String id, String name, Set<Platform> platforms) {
	}

	private final JdbcClient jdbc;

	private final TokenStore tokens;

	private final Map<String, NetworkAuthorization> authorizations = new LinkedHashMap<>();

	private final ObjectProvider<ClientRegistrationRepository> clients;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Visibility visibility;

	Connections(JdbcClient jdbc, TokenStore tokens, List<NetworkAuthorization> authorizations,
			ObjectProvider<ClientRegistrationRepository> clients, ApplicationEventPublisher events, Clock clock,
			Visibility visibility) {
		this.visibility = visibility;
		this.jdbc = jdbc;
		this.tokens = tokens;
		authorizations.stream()
			.sorted(Comparator.comparing(NetworkAuthorization::registrationId))
			.forEach(authorization -> this.authorizations.put(authorization.registrationId(), authorization));
		this.clients = clients;
		this.events = events;
		this.clock = clock;
	}

	/** The registrations configured with a network's own steps to complete them: the "connect" buttons. */
	public List<Registration> registrations() {
		var repository = clients.getIfAvailable();
		if (repository == null) {
			return List.of();
		}
		var registrations = new ArrayList<Registration>();
		for (var authorization : authorizations.values()) {
			var client = repository.findByRegistrationId(authorization.registrationId());
			if (client != null) {
				var name = networkName(client.getRegistrationId(), client.getClientName(), authorization.platforms());
				registrations.add(new Registration(client.getRegistrationId(),
						(name != null) ? name : client.getClientName(),
						Set.copyOf(authorization.platforms())));
			}
		}
		return registrations;
	}

	/**
	 * The network's name for people, the same in every language: the client registration's name ({@code TikTok},
	 * {@code LinkedIn}), else the name of the network it reaches (or of the first account the connection
	 * administers); null when none is known. Never the registration id, which Spring gives as the name of a
	 * registration configured without one.
	 */
	public @Nullable String networkName(Connection connection) {
		var repository = clients.getIfAvailable();
		var client = (repository == null) ? null : repository.findByRegistrationId(connection.registration());
		var platforms = authorization(connection.registration()).map(NetworkAuthorization::platforms)
			.filter(reached -> !reached.isEmpty())
			.orElseGet(() -> connection.assets().stream().map(Connection.Asset::platform).collect(
					java.util.stream.Collectors.toSet()));
		return networkName(connection.registration(), (client == null) ? null : client.getClientName(), platforms);
	}

	static @Nullable String networkName(String registrationId, @Nullable String clientName, Set<Platform> platforms) {
		if (clientName != null && !clientName.isBlank() && !clientName.equals(registrationId)) {
			return clientName;
		}
		return platforms.stream().min(Comparator.naturalOrder()).map(Platform::label).orElse(null);
	}

	Optional<NetworkAuthorization> authorization(String registrationId) {
		return Optional.ofNullable(authorizations.get(registrationId));
	}

	/** The connections, of one organization or (null) of all the person asking may see, newest first. */
	public List<Connection> list(@Nullable Long organizationId) {
		var seen = visibility.seen();
		var ids = jdbc.sql("""
				select id from connection
				where (cast(:organization as bigint) is null or organization_id = :organization)
				  and (:all or organization_id = any(:seen))
				order by granted_at desc, id desc""")
			.param("organization", organizationId)
			.param("all", seen.all())
			.param("seen", seen.array())
			.query(Long.class)
			.list();
		return load(ids);
	}

	public Connection get(long id) {
		var found = load(List.of(id));
		if (found.isEmpty() || !visibility.seen().contains(found.getFirst().organizationId())) {
			throw new ConnectionNotFoundException(id);
		}
		return found.getFirst();
	}

	/**
	 * Keeps an authorization just granted: completes it with the network's own steps, stores it and its tokens (a
	 * connection the same person granted before for the organization is renewed), and matches the accounts it
	 * administers to the organization's registry accounts.
	 * @param actor the Vigía user who connected it
	 * @throws IllegalStateException when the network refuses to complete it
	 */
	@Transactional
	public Connection connect(long organizationId, String registrationId, NetworkAuthorization.Token token,
			Set<String> scopes, String actor) {
		var authorization = authorization(registrationId)
			.orElseThrow(() -> new IllegalStateException("no network completes registration " + registrationId));
		var grant = authorization.complete(token, scopes);
		var now = clock.instant();
		var lasting = grant.token();
		long id = jdbc.sql("""
				insert into connection (organization_id, registration, granted_by, network_user_id, network_user_name,
				    granted_at, scopes, expires_at, refreshable, state, state_changed_at, last_error)
				values (:organization, :registration, :actor, :userId, :userName, :now, :scopes, :expiresAt,
				    :refreshable, 'ACTIVE', :now, null)
				on conflict (organization_id, registration, network_user_id) do update set
				    granted_by = excluded.granted_by, network_user_name = excluded.network_user_name,
				    granted_at = excluded.granted_at, scopes = excluded.scopes, expires_at = excluded.expires_at,
				    refreshable = excluded.refreshable, state = 'ACTIVE', state_changed_at = excluded.state_changed_at,
				    last_error = null, revoked_at = null, revoked_by = null
				returning id""")
			.param("organization", organizationId)
			.param("registration", registrationId)
			.param("actor", actor)
			.param("userId", grant.userId())
			.param("userName", grant.userName())
			.param("now", Timestamp.from(now))
			.param("scopes", new TreeSet<>(grant.scopes()).toArray(String[]::new))
			.param("expiresAt", timestamp(lasting.expiresAt()))
			.param("refreshable", authorization.refreshable(lasting))
			.query(Long.class)
			.single();
		tokens.write(id, TokenStore.Kind.ACCESS, null, lasting.accessToken());
		tokens.write(id, TokenStore.Kind.REFRESH, null, lasting.refreshToken());
		var before = coveredAccounts(List.of(id));
		replaceAssets(id, organizationId, grant.assets());
		var after = coveredAccounts(List.of(id));
		after.addAll(before);
		log.info("Connection {} ({}) granted by {} for organization {}: {} assets", id, registrationId, actor,
				organizationId, grant.assets().size());
		events.publishEvent(new ConnectionsChanged(List.of(id), List.copyOf(after)));
		var connected = get(id);
		// What the auditor needs of a grant: never a token.
		events.publishEvent(new Audited("connection.granted", "connection", Long.toString(id), organizationId, null,
				Map.of("network", registrationId, "scopes", new TreeSet<>(grant.scopes()), "assets", grant.assets().size(),
						"state", connected.state().name()),
				actor, null));
		return connected;
	}

	/** What the network did when a connection was disconnected. */
	public enum Revocation {

		/** The network revoked the grant. */
		REVOKED,
		/** The network's API has no revocation: the person removes the app at the network. */
		UNSUPPORTED,
		/** The network was asked and refused or did not answer: the grant may still be valid there. */
		FAILED,
		/** Nothing to revoke: the connection was disconnected already, or its token is gone. */
		NOT_ASKED

	}

	/** A connection just disconnected, and what the network did. */
	public record Disconnection(Connection connection, Revocation revocation) {
	}

	/**
	 * Disconnects: revokes the grant at the network where its API allows (a refusal there does not keep the
	 * connection), forgets its tokens and marks it REVOKED; says what the network did.
	 */
	@Transactional
	public Disconnection disconnect(long id, String actor) {
		var connection = get(id);
		visibility.requireEdited(connection.organizationId(), organization -> new ConnectionNotFoundException(id));
		var revocation = Revocation.NOT_ASKED;
		if (connection.state() != ConnectionState.REVOKED) {
			var authorization = authorization(connection.registration());
			var access = tokens.read(id, TokenStore.Kind.ACCESS, null, actor, "revoke at the network");
			if (authorization.isPresent() && access != null) {
				revocation = revoke(authorization.get(), connection, access);
				log.info("Connection {} disconnected by {}; at the network: {}", id, actor, revocation);
			}
			tokens.forget(id);
			jdbc.sql("""
					update connection set state = 'REVOKED', state_changed_at = :now, revoked_at = :now, revoked_by = :actor
					where id = :id""")
				.param("id", id)
				.param("now", Timestamp.from(clock.instant()))
				.param("actor", actor)
				.update();
			// Every account it reached, those it no longer administered included: their findings are judged again.
			events.publishEvent(new ConnectionsChanged(List.of(id), List.copyOf(coveredAccounts(List.of(id)))));
			events.publishEvent(new Audited("connection.revoked", "connection", Long.toString(id),
					connection.organizationId(), Map.of("state", connection.state().name()),
					Map.of("state", ConnectionState.REVOKED.name()), actor, null));
		}
		return new Disconnection(get(id), revocation);
	}

	private static Revocation revoke(NetworkAuthorization authorization, Connection connection, String access) {
		try {
			return authorization.revoke(connection.networkUserId(), new NetworkAuthorization.Token(access, null, null,
					null)) ? Revocation.REVOKED : Revocation.UNSUPPORTED;
		}
		catch (RuntimeException ex) {
			log.warn("Connection {}: the network did not revoke it ({}); disconnected in Vigía all the same",
					connection.id(), ex.getMessage());
			return Revocation.FAILED;
		}
	}

	/** Moves a connection to a state it is not in yet, saying why; true when it moved. */
	@Transactional
	boolean changeState(long id, ConnectionState state, @Nullable Message reason) {
		int changed = jdbc.sql("""
				update connection set state = :state, state_changed_at = :now,
				    last_error = coalesce(:error, last_error)
				where id = :id and state <> :state""")
			.param("id", id)
			.param("state", state.name())
			.param("now", Timestamp.from(clock.instant()))
			.param("error", (reason != null) ? reason.encode() : null)
			.update();
		if (changed > 0) {
			log.info("Connection {} is now {}", id, state);
			events.publishEvent(new ConnectionsChanged(List.of(id), List.copyOf(coveredAccounts(List.of(id)))));
		}
		return changed > 0;
	}

	/** Stores the accounts a grant administers now; those it no longer does are kept, marked absent. */
	void replaceAssets(long connectionId, long organizationId, List<NetworkAuthorization.Asset> assets) {
		jdbc.sql("update connection_asset set present = false where connection_id = :id").param("id", connectionId).update();
		for (var asset : assets) {
			long assetId = jdbc.sql("""
					insert into connection_asset (connection_id, platform, platform_id, handle, present)
					values (:connection, :platform, :platformId, :handle, true)
					on conflict (connection_id, platform, platform_id) do update set handle = excluded.handle,
					    present = true
					returning id""")
				.param("connection", connectionId)
				.param("platform", asset.platform().name())
				.param("platformId", asset.platformId())
				.param("handle", asset.handle())
				.query(Long.class)
				.single();
			tokens.write(connectionId, TokenStore.Kind.ASSET, assetId, asset.accessToken());
		}
		match(connectionId, organizationId);
	}

	/**
	 * Matches a connection's accounts to the organization's registry accounts on the same network: by the network's id
	 * (as the last check saw it, or registered as the handle) first, then by the handle.
	 */
	private void match(long connectionId, long organizationId) {
		jdbc.sql("""
				update connection_asset ca set account_id = (
				    select a.id from registry_accounts a
				    left join polling_account_states s on s.account_id = a.id
				    where a.organization_id = :organization and a.platform = ca.platform and a.status = 'ACTIVE'
				      and (s.platform_id = ca.platform_id or a.handle = ca.platform_id
				           or lower(a.handle) = lower(ca.handle))
				    order by (s.platform_id = ca.platform_id or a.handle = ca.platform_id) desc, a.id
				    limit 1)
				where ca.connection_id = :connection""")
			.param("organization", organizationId)
			.param("connection", connectionId)
			.update();
	}

	/** The registry accounts these connections' present assets were matched to. */
	Set<Long> coveredAccounts(List<Long> connectionIds) {
		return new TreeSet<>(jdbc.sql("""
				select distinct account_id from connection_asset
				where connection_id in (:ids) and account_id is not null""")
			.param("ids", connectionIds)
			.query(Long.class)
			.list());
	}

	private List<Connection> load(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		var assets = new LinkedHashMap<Long, List<Connection.Asset>>();
		jdbc.sql("""
				select connection_id, platform, platform_id, handle, account_id, present from connection_asset
				where connection_id in (:ids) order by present desc, platform, handle, platform_id""")
			.param("ids", ids)
			.query((rs, row) -> {
				assets.computeIfAbsent(rs.getLong("connection_id"), key -> new ArrayList<>())
					.add(new Connection.Asset(Platform.valueOf(rs.getString("platform")), rs.getString("platform_id"),
							rs.getString("handle"), rs.getObject("account_id", Long.class), rs.getBoolean("present")));
				return null;
			})
			.list();
		var byId = new LinkedHashMap<Long, Connection>();
		jdbc.sql("""
				select id, organization_id, registration, granted_by, network_user_id, network_user_name, granted_at,
				       scopes, expires_at, refreshable, state, last_used_at, last_error
				from connection where id in (:ids)""")
			.param("ids", ids)
			.query((rs, row) -> connection(rs, assets.getOrDefault(rs.getLong("id"), List.of())))
			.list()
			.forEach(connection -> byId.put(connection.id(), connection));
		return ids.stream().map(byId::get).filter(connection -> connection != null).toList();
	}

	private static Connection connection(ResultSet rs, List<Connection.Asset> assets) throws SQLException {
		return new Connection(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("registration"),
				rs.getString("granted_by"), rs.getString("network_user_id"), rs.getString("network_user_name"),
				rs.getTimestamp("granted_at").toInstant(), strings(rs.getArray("scopes")), instant(rs, "expires_at"),
				rs.getBoolean("refreshable"), ConnectionState.valueOf(rs.getString("state")),
				instant(rs, "last_used_at"), rs.getString("last_error"), List.copyOf(assets));
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		return (array == null) ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		var timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
