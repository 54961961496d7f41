package org.vigia.connections;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.platform.AuthorizationException;
import org.vigia.platform.Message;
import org.vigia.platform.NetworkAuthorization;

/**
 * Keeps connections alive where the network allows and says so where it does not: refreshes a refreshable token a
 * week before it expires, marks EXPIRING what cannot be refreshed 14 days before it expires and EXPIRED what did.
 */
@Service
class ConnectionLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ConnectionLifecycle.class);

	/** How long before its expiry a refreshable token is refreshed: room for a week of failed attempts. */
	static final Duration REFRESH_AHEAD = Duration.ofDays(7);

	/** How long before its expiry a connection that cannot be refreshed is EXPIRING. */
	static final Duration EXPIRING_AHEAD = Duration.ofDays(14);

	static final String ACTOR = "lifecycle";

	private final JdbcClient jdbc;

	private final TokenStore tokens;

	private final Connections connections;

	private final Clock clock;

	ConnectionLifecycle(JdbcClient jdbc, TokenStore tokens, Connections connections, Clock clock) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.connections = connections;
		this.clock = clock;
	}

	private record Due(long id, String registration) {
	}

	/** One pass: refreshes, then moves the connections whose expiry came near or passed. */
	@Transactional
	public void run() {
		var now = clock.instant();
		var due = jdbc.sql("""
				select id, registration from connection
				where state in ('ACTIVE', 'EXPIRING') and refreshable and expires_at is not null
				  and expires_at <= :horizon and expires_at > :now
				order by expires_at""")
			.param("horizon", Timestamp.from(now.plus(REFRESH_AHEAD)))
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new Due(rs.getLong("id"), rs.getString("registration")))
			.list();
		for (var connection : due) {
			refresh(connection);
		}
		for (long id : ids("""
				select id from connection where state in ('ACTIVE', 'EXPIRING') and expires_at <= :now""", now, now)) {
			connections.changeState(id, ConnectionState.EXPIRED, Message.of("connection.error.expired"));
		}
		for (long id : ids("""
				select id from connection where state = 'ACTIVE' and not refreshable and expires_at > :now
				  and expires_at <= :horizon""", now, now.plus(EXPIRING_AHEAD))) {
			connections.changeState(id, ConnectionState.EXPIRING, null);
		}
	}

	private void refresh(Due connection) {
		var authorization = connections.authorization(connection.registration());
		var access = tokens.read(connection.id(), TokenStore.Kind.ACCESS, null, ACTOR, "refresh");
		var refresh = tokens.read(connection.id(), TokenStore.Kind.REFRESH, null, ACTOR, "refresh");
		if (authorization.isEmpty() || access == null) {
			return;
		}
		try {
			var fresh = authorization.get().refresh(new NetworkAuthorization.Token(access, refresh, null, null));
			if (fresh.isEmpty()) {
				jdbc.sql("update connection set refreshable = false where id = :id").param("id", connection.id()).update();
				return;
			}
			var token = fresh.get();
			tokens.write(connection.id(), TokenStore.Kind.ACCESS, null, token.accessToken());
			if (token.refreshToken() != null) {
				tokens.write(connection.id(), TokenStore.Kind.REFRESH, null, token.refreshToken());
			}
			jdbc.sql("""
					update connection set expires_at = :expiresAt, last_refreshed_at = :now, state = 'ACTIVE'
					where id = :id""")
				.param("id", connection.id())
				.param("expiresAt", Connections.timestamp(token.expiresAt()))
				.param("now", Timestamp.from(clock.instant()))
				.update();
			log.info("Connection {} refreshed; it now expires at {}", connection.id(), token.expiresAt());
		}
		catch (RuntimeException ex) {
			log.warn("Connection {} could not be refreshed: {}", connection.id(), ex.getMessage());
			connections.changeState(connection.id(), ConnectionState.FAILING,
					Message.of("connection.error.refresh", (ex instanceof AuthorizationException refused)
							? refused.sentence() : String.valueOf(ex.getMessage())));
		}
	}

	private List<Long> ids(String sql, java.time.Instant now, java.time.Instant horizon) {
		var spec = jdbc.sql(sql).param("now", Timestamp.from(now));
		if (sql.contains(":horizon")) {
			spec = spec.param("horizon", Timestamp.from(horizon));
		}
		return spec.query(Long.class).list();
	}

}
