package org.vigia.overview;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each account's health, derived from its standing findings so that both always agree. */
@Service
@Transactional(readOnly = true)
public class AccountHealth {

	/**
	 * An account's health.
	 * @param silentDays whole days since the newest public post, when known
	 * @param findings the types of the account's standing findings
	 */
	public record Health(HealthState state, @Nullable Instant lastActivityAt, @Nullable Instant lastCheckedAt,
			@Nullable String lastOutcome, @Nullable Long silentDays, @Nullable Instant lastSuccessAt,
			int consecutiveFailures, List<String> findings, @Nullable WatchedBy watchedBy) {

		public Health(HealthState state, @Nullable Instant lastActivityAt, @Nullable Instant lastCheckedAt,
				@Nullable String lastOutcome, @Nullable Long silentDays, @Nullable Instant lastSuccessAt,
				int consecutiveFailures, List<String> findings) {
			this(state, lastActivityAt, lastCheckedAt, lastOutcome, silentDays, lastSuccessAt, consecutiveFailures,
					findings, null);
		}

		public static Health unknown() {
			return new Health(HealthState.UNKNOWN, null, null, null, null, null, 0, List.of());
		}

		/** The same health with a reason readers can read (the web layer writes the message in their language). */
		public Health withWatchedBy(@Nullable WatchedBy watchedBy) {
			return new Health(state, lastActivityAt, lastCheckedAt, lastOutcome, silentDays, lastSuccessAt,
					consecutiveFailures, findings, watchedBy);
		}

	}

	/** How Vigía watches an account. */
	public enum WatchKind {

		/** The network's public API or feed, without credentials. */
		PUBLIC,

		/** A connection an institution's administrator granted. */
		CONNECTION,

		/** Nothing reaches it. */
		NONE

	}

	/**
	 * How an account is watched.
	 * @param connectionId the connection that reaches it (CONNECTION), or the one that reached it last (NONE, lost)
	 * @param grantedBy the person on the network who granted that connection
	 * @param reason why, and for NONE what would fix it: a stored {@code platform.Message}
	 */
	public record WatchedBy(WatchKind kind, @Nullable Long connectionId, @Nullable String grantedBy, String reason) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Watching watching;

	AccountHealth(JdbcClient jdbc, Clock clock, Watching watching) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.watching = watching;
	}

	/** The health of these accounts, by id; unknown ids are absent. */
	public Map<Long, Health> of(Collection<Long> accountIds) {
		Map<Long, Health> health = new HashMap<>();
		if (accountIds.isEmpty()) {
			return health;
		}
		var now = clock.instant();
		jdbc.sql("select * from account_health where account_id = any(:ids)")
			.param("ids", accountIds.toArray(Long[]::new))
			.query(rs -> {
				var lastActivity = Rows.instant(rs, "last_activity_at");
				health.put(rs.getLong("account_id"), new Health(HealthState.valueOf(rs.getString("state")), lastActivity,
						Rows.instant(rs, "last_checked_at"), rs.getString("last_outcome"),
						(lastActivity != null) ? Math.max(0, Duration.between(lastActivity, now).toDays()) : null,
						Rows.instant(rs, "last_success_at"), rs.getInt("consecutive_failures"),
						Arrays.asList((String[]) rs.getArray("finding_types").getArray())));
			});
		var watched = watching.of(health.keySet());
		health.replaceAll((id, known) -> known.withWatchedBy(watched.get(id)));
		return health;
	}

}
