package org.vigia.people;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.common.Audited;

/**
 * API tokens: {@value #PREFIX} and 43 random characters (256 bits), shown once and kept as their SHA-256 hash, so a
 * check is one indexed lookup and a hash, not a BCrypt comparison. A token acts for its owner, with at most the owner's
 * roles (read: viewing only), until it expires, is revoked, or its owner is disabled. Its last use is written at most
 * once a minute per token and node, so that a busy script does not make its row a hot spot.
 */
@Service
public class ApiTokens {

	/** How every token begins: secret scanners and people recognize it. */
	public static final String PREFIX = "vga_";

	/** The scopes a token may have. */
	public static final Set<String> SCOPES = Set.of("read", "write");

	/** How stale the recorded last use may be. */
	static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * A token that was just created, with its secret: the only time the secret is known.
	 * @param token the token
	 * @param secret the secret to send as {@code Authorization: Bearer}
	 */
	public record Created(ApiToken token, String secret) {
	}

	/**
	 * Who a valid token acts for.
	 * @param tokenId the token
	 * @param username its owner
	 * @param source where its owner comes from
	 * @param roles its owner's roles
	 * @param scopes the token's scopes
	 */
	public record Bearer(long tokenId, String username, Source source, Set<Role> roles, Set<String> scopes) {

		/** Whether the token may change things. */
		public boolean writes() {
			return scopes.contains("write");
		}

	}

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Map<Long, Instant> lastUseWritten = new ConcurrentHashMap<>();

	ApiTokens(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** A person's tokens that are not revoked, newest first. */
	@Transactional(readOnly = true)
	public List<ApiToken> list(long userId) {
		return jdbc.sql("select * from api_token where user_id = :user and revoked_at is null order by created_at desc, id desc")
			.param("user", userId)
			.query((rs, n) -> token(rs))
			.list();
	}

	/**
	 * Creates a token for a person.
	 * @param createdBy who asks (the owner, or an administrator for a service user)
	 */
	@Transactional
	public Created create(long userId, String name, Set<String> scopes, @Nullable Instant expiresAt, String createdBy) {
		var trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 100) {
			throw new InvalidPersonException("tokens.invalid.name", "A token's name has 1 to 100 characters");
		}
		if (scopes == null || scopes.isEmpty() || !SCOPES.containsAll(scopes)) {
			throw new InvalidPersonException("tokens.invalid.scopes", "A token's scopes are read, write or both");
		}
		if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
			throw new InvalidPersonException("tokens.invalid.expiry", "A token's expiry is in the future");
		}
		var bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		var secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		var token = jdbc.sql("""
				insert into api_token (user_id, name, hash, scopes, expires_at, created_at, created_by)
				values (:user, :name, :hash, :scopes, :expiresAt, :now, :createdBy) returning *
				""")
			.param("user", userId)
			.param("name", trimmed)
			.param("hash", hash(secret))
			.param("scopes", new TreeSet<>(scopes).toArray(String[]::new))
			.param("expiresAt", expiresAt == null ? null : utc(expiresAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("now", utc(clock.instant()))
			.param("createdBy", createdBy)
			.query((rs, n) -> token(rs))
			.single();
		events.publishEvent(Audited.change("token.created", "token", token.id(), null, null, audited(token)));
		return new Created(token, secret);
	}

	/** Revokes one of this person's tokens. @throws PersonNotFoundException when it has no such token */
	@Transactional
	public void revoke(long userId, long tokenId) {
		var token = jdbc.sql("""
				update api_token set revoked_at = :now where id = :id and user_id = :user and revoked_at is null
				returning *
				""")
			.param("now", utc(clock.instant()))
			.param("id", tokenId)
			.param("user", userId)
			.query((rs, n) -> token(rs))
			.optional()
			.orElseThrow(() -> new PersonNotFoundException("token", tokenId));
		events.publishEvent(Audited.change("token.revoked", "token", token.id(), null, audited(token), null));
	}

	/** The owner of a token, whether or not it is revoked. */
	@Transactional(readOnly = true)
	public Optional<Long> owner(long tokenId) {
		return jdbc.sql("select user_id from api_token where id = :id").param("id", tokenId).query(Long.class).optional();
	}

	/**
	 * Who a secret acts for: nobody when it is unknown, revoked or expired, or its owner is disabled. Records the use.
	 */
	public Optional<Bearer> authenticate(String secret) {
		if (!secret.startsWith(PREFIX) || secret.length() > 100) {
			return Optional.empty();
		}
		var now = clock.instant();
		var bearer = jdbc.sql("""
				select t.id, t.scopes, u.username, u.source,
				       array(select distinct g.role from grants g where g.user_id = u.id) as roles
				from api_token t join users u on u.id = t.user_id
				where t.hash = :hash and t.revoked_at is null and (t.expires_at is null or t.expires_at > :now)
				  and u.enabled
				""")
			.param("hash", hash(secret))
			.param("now", utc(now))
			.query((rs, n) -> {
				var roles = new TreeSet<Role>();
				for (var role : (String[]) rs.getArray("roles").getArray()) {
					roles.add(Role.valueOf(role));
				}
				return new Bearer(rs.getLong("id"), rs.getString("username"), Source.valueOf(rs.getString("source")),
						Set.copyOf(roles), Set.of((String[]) rs.getArray("scopes").getArray()));
			})
			.optional();
		bearer.ifPresent(found -> recordUse(found.tokenId(), now));
		return bearer;
	}

	private void recordUse(long tokenId, Instant now) {
		var last = lastUseWritten.get(tokenId);
		if (last != null && now.isBefore(last.plus(LAST_USE_PRECISION))) {
			return;
		}
		lastUseWritten.put(tokenId, now);
		jdbc.sql("""
				update api_token set last_used_at = :now
				where id = :id and (last_used_at is null or last_used_at < :stale)
				""")
			.param("now", utc(now))
			.param("stale", utc(now.minus(LAST_USE_PRECISION)))
			.param("id", tokenId)
			.update();
	}

	static byte[] hash(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static ApiToken token(ResultSet rs) throws SQLException {
		return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"),
				List.of((String[]) rs.getArray("scopes").getArray()), instant(rs.getTimestamp("expires_at")),
				instant(rs.getTimestamp("last_used_at")), rs.getTimestamp("created_at").toInstant(),
				rs.getString("created_by"));
	}

	private static Map<String, Object> audited(ApiToken token) {
		var fields = new LinkedHashMap<String, Object>();
		fields.put("userId", token.userId());
		fields.put("name", token.name());
		fields.put("scopes", token.scopes());
		fields.put("expiresAt", token.expiresAt() == null ? null : token.expiresAt().toString());
		return fields;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
