package org.vigia.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed logins per user name and per client address in PostgreSQL, so that every node of a cluster sees the
 * same count, and refuses logins for a growing delay once either count reaches its limit. It knows nothing of where
 * users are kept: it is told a name and an address before a password is checked, and the outcome after.
 *
 * <p>
 * An attempt is counted as a failure before its password is checked, under a row lock, and given back when it
 * succeeds: two guesses racing on two nodes cannot both be the one under the limit.
 */
@Component
class LoginThrottle {

	private static final int MAX_NAME_LENGTH = 128;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final LoginThrottleProperties properties;

	private final AtomicReference<Instant> lastCleanUp = new AtomicReference<>(Instant.EPOCH);

	LoginThrottle(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
			LoginThrottleProperties properties) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Counts an attempt to log in as {@code username} from {@code address}, or refuses it.
	 * @throws LoginThrottledException when the user name or the address has failed too often lately
	 */
	Attempt begin(String username, String address) {
		var now = clock.instant();
		var user = new Key(userKey(username), properties.maxFailuresPerUser());
		var from = new Key(addressKey(address), properties.maxFailuresPerAddress());
		var refusedFor = transactions.execute(status -> reserve(List.of(user, from), now));
		if (refusedFor != null) {
			throw new LoginThrottledException(refusedFor);
		}
		cleanUpNowAndThen(now);
		return new Attempt(user, from);
	}

	/** Locks both rows (in key order, so that two attempts never wait on each other crosswise) and counts or refuses. */
	private @Nullable Duration reserve(List<Key> keys, Instant now) {
		var sorted = keys.stream().sorted(Comparator.comparing(Key::key)).toList();
		var rows = jdbc.sql("""
				insert into login_throttle (key, failures, last_failure_at)
				values (:first, 0, :now), (:second, 0, :now)
				on conflict (key) do update set failures = login_throttle.failures
				returning key, failures, last_failure_at, locked_until
				""")
			.param("first", sorted.get(0).key())
			.param("second", sorted.get(1).key())
			.param("now", timestamp(now))
			.query((rs, n) -> new Row(rs.getString("key"), rs.getInt("failures"),
					rs.getTimestamp("last_failure_at").toInstant(), instant(rs.getTimestamp("locked_until"))))
			.list();
		var refusedUntil = rows.stream()
			.map(Row::lockedUntil)
			.filter(until -> until != null && until.isAfter(now))
			.max(Comparator.naturalOrder());
		if (refusedUntil.isPresent()) {
			return Duration.between(now, refusedUntil.get());
		}
		for (var key : sorted) {
			var row = rows.stream().filter(r -> r.key().equals(key.key())).findFirst().orElseThrow();
			// Counted from the end of a refusal too: otherwise the longest refusal, as long as the window, would end
			// with the count forgotten and a fresh round of guesses.
			var lastSeen = row.lockedUntil() != null && row.lockedUntil().isAfter(row.lastFailureAt()) ? row.lockedUntil()
					: row.lastFailureAt();
			boolean forgotten = !lastSeen.isAfter(now.minus(properties.window()));
			int failures = (forgotten ? 0 : row.failures()) + 1;
			var lockedUntil = failures >= key.limit() ? now.plus(properties.refusal(failures, key.limit())) : null;
			jdbc.sql("""
					update login_throttle set failures = :failures, last_failure_at = :now, locked_until = :lockedUntil
					where key = :key
					""")
				.param("failures", failures)
				.param("now", timestamp(now))
				.param("lockedUntil", lockedUntil == null ? null : timestamp(lockedUntil), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
				.param("key", key.key())
				.update();
		}
		return null;
	}

	/**
	 * Rows nobody needs any more: no failure and no refusal within the window. A row an attempt holds is left for the
	 * next clean-up, so that the deletion never waits on an attempt that waits on it.
	 */
	private void cleanUpNowAndThen(Instant now) {
		var last = lastCleanUp.get();
		if (now.isBefore(last.plus(Duration.ofMinutes(1))) || !lastCleanUp.compareAndSet(last, now)) {
			return;
		}
		jdbc.sql("""
				delete from login_throttle where key in (
				    select key from login_throttle
				    where last_failure_at < :forgotten and (locked_until is null or locked_until < :forgotten)
				    for update skip locked)
				""")
			.param("forgotten", timestamp(now.minus(properties.window())))
			.update();
	}

	/** User names are compared without case, as the user stores compare them, and cut to a sane length. */
	static String userKey(String username) {
		var name = username.strip().toLowerCase(Locale.ROOT);
		return "user:" + (name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name);
	}

	/** An IPv6 client counts by its /64: one subscriber gets a whole /64 and could otherwise count afresh per address. */
	static String addressKey(String address) {
		if (address.indexOf(':') >= 0) {
			try {
				if (InetAddress.getByName(address) instanceof Inet6Address ipv6) {
					var prefix = Arrays.copyOf(ipv6.getAddress(), 16);
					Arrays.fill(prefix, 8, 16, (byte) 0);
					return "address:" + InetAddress.getByAddress(prefix).getHostAddress() + "/64";
				}
			}
			catch (UnknownHostException ex) {
				// Not an address literal after all: counted as given.
			}
		}
		return "address:" + address;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private record Key(String key, int limit) {
	}

	private record Row(String key, int failures, Instant lastFailureAt, @Nullable Instant lockedUntil) {
	}

	/** A counted attempt, settled once its password has been checked. */
	final class Attempt {

		private final Key user;

		private final Key address;

		private Attempt(Key user, Key address) {
			this.user = user;
			this.address = address;
		}

		/** The password was right: the user name's failures are forgotten, and the address's count loses this one. */
		void succeeded() {
			giveBack(true);
		}

		/** The password could not be checked (the user store failed): this attempt counts for neither. */
		void abandoned() {
			giveBack(false);
		}

		private void giveBack(boolean clearUser) {
			transactions.executeWithoutResult(status -> {
				// The rows are locked in key order, as begin() locks them: an update of both at once would lock them in
				// the order it finds them, and wait crosswise on a concurrent attempt holding the other one.
				lockInKeyOrder();
				update(clearUser);
			});
		}

		private void lockInKeyOrder() {
			jdbc.sql("select key from login_throttle where key in (:user, :address) order by key for update")
				.param("user", user.key())
				.param("address", address.key())
				.query(String.class)
				.list();
		}

		private void update(boolean clearUser) {
			// A count that drops below its limit lifts the refusal this very attempt may have started.
			jdbc.sql("""
					update login_throttle
					set failures = case when key = :user and :clearUser then 0 else greatest(failures - 1, 0) end,
					    locked_until = case when key = :user and :clearUser then null
					                        when failures - 1 >= (case when key = :user then :userLimit
					                                                   else :addressLimit end) then locked_until
					                   end
					where key in (:user, :address)
					""")
				.param("user", user.key())
				.param("address", address.key())
				.param("clearUser", clearUser)
				.param("userLimit", user.limit())
				.param("addressLimit", address.limit())
				.update();
		}

	}

}
