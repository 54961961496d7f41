package org.vigia.polling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformChecker;
import org.vigia.platform.PlatformProperties;
import org.vigia.runs.ClusterNodes;
import org.vigia.platform.Profile;
import org.vigia.polling.AccountPoller.Checked;

import tools.jackson.databind.json.JsonMapper;

import static org.vigia.polling.PollStateMachine.truncate;

/**
 * Records a group of finished checks in one transaction, set-based like the findings: the history rows, the profiles
 * that changed, every account's state after its check (computed by {@link PollStateMachine} from the state before,
 * read under lock), and the run's progress; one statement per table for the whole group.
 */
@Component
class CheckRecorder {

	private static final Logger log = LoggerFactory.getLogger(CheckRecorder.class);

	private static final String STATE_COLUMNS = """
			handle, platform_id, etag, last_modified, last_activity_at, newest_post_url, last_checked_at, last_success_at,
			last_outcome, last_http_status, consecutive_failures, outcome_streak, failing_since, last_error, recent_posts,
			reply_share, moved_to, profile_id, next_due_at""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final ClusterNodes nodes;

	private final Clock clock;

	private final JsonMapper json;

	private final PollStateMachine states;

	private final boolean pushEnabled;

	/** Whether push was healthy when last asked, and when that was (nanoTime); asked again after {@link #PUSH_ASKED}. */
	private volatile boolean pushHealthy;

	private volatile long pushAskedAt;

	private volatile boolean pushAsked;

	// Where networks have check intervals of their own (X); null in tests that record without adapters.
	private final @Nullable PlatformChecker checker;

	private static final Duration PUSH_ASKED = Duration.ofSeconds(30);

	CheckRecorder(JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events,
			ClusterNodes nodes, PollingProperties properties, PlatformProperties platforms, Clock clock,
			JsonMapper json) {
		this(jdbc, transactions, events, nodes, properties, platforms, clock, json, null);
	}

	@org.springframework.beans.factory.annotation.Autowired
	CheckRecorder(JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events,
			ClusterNodes nodes, PollingProperties properties, PlatformProperties platforms, Clock clock,
			JsonMapper json, @Nullable PlatformChecker checker) {
		this.checker = checker;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.events = events;
		this.nodes = nodes;
		this.clock = clock;
		this.json = json;
		this.states = new PollStateMachine(properties.interval(), properties.pushedInterval(), new Random());
		this.pushEnabled = !platforms.bluesky().jetstreamUrl().isEmpty();
	}

	/**
	 * Whether Bluesky accounts' activity arrives by push now: push is on and its consumer, wherever in the cluster it
	 * runs, has an open socket (it marks the cursor at least every minute while one is open, see {@link BlueskyPush}).
	 */
	private boolean pushHealthy() {
		if (!pushEnabled) {
			return false;
		}
		long now = System.nanoTime();
		if (!pushAsked || now - pushAskedAt > PUSH_ASKED.toNanos()) {
			pushHealthy = jdbc.sql("select count(*) > 0 from bluesky_push_cursor where updated_at > :since")
				.param("since", java.sql.Timestamp.from(clock.instant().minus(BlueskyPush.HEALTHY_WITHIN)))
				.query(Boolean.class)
				.single();
			pushAskedAt = now;
			pushAsked = true;
		}
		return pushHealthy;
	}

	/** Whether the account's activity arrives by push: a Bluesky account whose DID push follows, checked fine. */
	private boolean pushed(Checked check, PollState after, boolean healthy) {
		var outcome = check.result().outcome();
		return healthy && check.target().address().platform() == Platform.BLUESKY && after.platformId() != null
				&& after.platformId().startsWith("did:") && outcome != CheckOutcome.ERROR
				&& outcome != CheckOutcome.RATE_LIMITED;
	}

	/**
	 * Records the checks, retrying on lock conflicts, and publishes {@link AccountsChecked} in the same transaction.
	 * @param runId the poll run they belong to, or null for scheduled checks
	 * @param scheduled whether these are the scheduled checks (they move the next due time on by one interval, and
	 * count only while this node still holds their claims)
	 * @return the checks recorded: those whose claim this node still held
	 */
	List<Checked> record(List<Checked> group, @Nullable Long runId, boolean scheduled) {
		var checked = new ArrayList<>(group);
		// One order for every writer of account rows (the health sweep locks them by id too): no deadlocks between them.
		checked.sort(Comparator.comparingLong(check -> check.target().accountId()));
		for (int attempt = 1;; attempt++) {
			try {
				return Objects.requireNonNull(transactions.execute(status -> recordOnce(checked, runId, scheduled)));
			}
			catch (ConcurrencyFailureException ex) {
				if (attempt == 3) {
					throw ex;
				}
				log.info("Recording {} checks met a concurrent change; retrying ({})", checked.size(), ex.getMessage());
			}
		}
	}

	private List<Checked> recordOnce(List<Checked> claimed, @Nullable Long runId, boolean scheduled) {
		var before = lockStates(claimed, runId, scheduled);
		var checked = claimed.stream().filter(check -> before.containsKey(check.target().accountId())).toList();
		if (checked.size() < claimed.size()) {
			log.info("{} of {} checks were not recorded: another node took their claims over", claimed.size()
					- checked.size(), claimed.size());
		}
		if (checked.isEmpty()) {
			return checked;
		}
		var snapshotIds = snapshots(checked);
		insertHistory(checked, snapshotIds, runId);
		var recorded = new ArrayList<Long>();
		var updated = new ArrayList<State>();
		var inserted = new ArrayList<State>();
		boolean healthy = checked.stream().anyMatch(check -> check.target().address().platform() == Platform.BLUESKY)
				&& pushHealthy();
		for (var check : checked) {
			long accountId = check.target().accountId();
			var previous = before.get(accountId);
			var after = states.after(previous == null ? PollState.NONE : previous,
					new PollStateMachine.Check(check.target().address().handle(), check.result(),
							snapshotIds.get(accountId), scheduled, false,
							(checker == null) ? null : checker.interval(check.target().address().platform())),
					check.checkedAt());
			if (pushed(check, after, healthy)) {
				after = states.after(previous == null ? PollState.NONE : previous,
						new PollStateMachine.Check(check.target().address().handle(), check.result(),
								snapshotIds.get(accountId), scheduled, true),
						check.checkedAt());
			}
			(previous == null ? inserted : updated).add(new State(accountId, after));
			recorded.add(accountId);
		}
		writeStates(updated, inserted, scheduled);
		// Listeners run in this transaction: what they conclude from the checks commits with them, or not at all.
		events.publishEvent(new AccountsChecked(List.copyOf(recorded), runId));
		return checked;
	}

	/**
	 * Answers the state before the checks of the accounts whose claim this node still holds, locking their rows (a
	 * run's accounts are marked done at once); an account without a row maps to null. A node that was thought dead,
	 * and whose accounts another took over, must not record them a second time.
	 */
	private Map<Long, @Nullable PollState> lockStates(List<Checked> checked, @Nullable Long runId, boolean scheduled) {
		var accountIds = checked.stream().map(check -> check.target().accountId()).toArray(Long[]::new);
		List<Long> held;
		if (runId != null) {
			var outcomes = checked.stream().map(check -> check.result().outcome().name()).toArray(String[]::new);
			held = jdbc.sql("""
					update poll_run_account p set done = true, outcome = t.outcome, lease_until = null
					from unnest(:accountIds::bigint[], :outcomes::text[]) as t(account_id, outcome)
					where p.run_id = :runId and p.account_id = t.account_id and not p.done and p.claimed_by = :instanceId
					returning p.account_id
					""")
				.param("runId", runId)
				.param("accountIds", accountIds)
				.param("outcomes", outcomes)
				.param("instanceId", nodes.instanceId())
				.query(Long.class)
				.list();
		}
		else {
			held = List.of(accountIds);
		}
		Map<Long, @Nullable PollState> states = new HashMap<>();
		if (runId != null) {
			held.forEach(accountId -> states.put(accountId, null));
		}
		jdbc.sql("""
				select account_id, %s from account_state
				where account_id = any(:accountIds) and (:anyClaim or claimed_by = :instanceId)
				order by account_id
				for update
				""".formatted(STATE_COLUMNS))
			.param("accountIds", held.toArray(Long[]::new))
			.param("anyClaim", runId != null)
			.param("instanceId", nodes.instanceId())
			.query((rs, row) -> states.put(rs.getLong("account_id"), state(rs)))
			.list();
		return states;
	}

	private static PollState state(ResultSet rs) throws SQLException {
		var outcome = rs.getString("last_outcome");
		return new PollState(rs.getString("handle"), rs.getString("platform_id"), rs.getString("etag"),
				rs.getString("last_modified"), instant(rs, "last_activity_at"), rs.getString("newest_post_url"),
				instant(rs, "last_checked_at"), instant(rs, "last_success_at"),
				outcome == null ? null : CheckOutcome.valueOf(outcome), rs.getObject("last_http_status", Integer.class),
				rs.getInt("consecutive_failures"), rs.getInt("outcome_streak"), instant(rs, "failing_since"),
				rs.getString("last_error"), rs.getObject("recent_posts", Integer.class),
				rs.getObject("reply_share", Double.class), rs.getString("moved_to"),
				rs.getObject("profile_id", Long.class), instant(rs, "next_due_at"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		var timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

	private record State(long accountId, PollState state) {
	}

	/**
	 * Writes the states, one statement for the accounts that had a row and one for those that had none. A row another
	 * transaction created meanwhile (two runs checking a new account at once) fails the group, which is then recorded
	 * again from that row.
	 */
	private void writeStates(List<State> updated, List<State> inserted, boolean scheduled) {
		if (!updated.isEmpty()) {
			var values = new Values(updated);
			values.bind(jdbc.sql("""
					update account_state s set
					    handle = t.handle, platform_id = t.platform_id, etag = t.etag, last_modified = t.last_modified,
					    last_activity_at = t.last_activity_at, newest_post_url = t.newest_post_url,
					    last_checked_at = t.last_checked_at, last_success_at = t.last_success_at,
					    last_outcome = t.last_outcome, last_http_status = t.last_http_status,
					    consecutive_failures = t.consecutive_failures, outcome_streak = t.outcome_streak,
					    failing_since = t.failing_since, last_error = t.last_error, recent_posts = t.recent_posts,
					    reply_share = t.reply_share, moved_to = t.moved_to, profile_id = t.profile_id,
					    next_due_at = t.next_due_at, updated_at = t.last_checked_at,
					    -- a run's check leaves alone the claim a scheduled shard may hold on the account
					    lease_until = case when :scheduled then null else s.lease_until end,
					    claimed_by = case when :scheduled then null else s.claimed_by end
					from %s
					where s.account_id = t.account_id
					""".formatted(Values.UNNEST))).param("scheduled", scheduled).update();
		}
		if (!inserted.isEmpty()) {
			var values = new Values(inserted);
			int written = values.bind(jdbc.sql("""
					insert into account_state (account_id, %s, updated_at)
					select t.account_id, %s, t.last_checked_at
					from %s
					order by t.account_id
					on conflict (account_id) do nothing
					""".formatted(STATE_COLUMNS, STATE_COLUMNS.replaceAll("(\\w+)", "t.$1"), Values.UNNEST))).update();
			if (written < inserted.size()) {
				throw new OptimisticLockingFailureException(
						(inserted.size() - written) + " accounts gained a state while their checks were recorded");
			}
		}
	}

	/** The states as one array per column, for {@code unnest}. */
	private static final class Values {

		static final String UNNEST = """
				unnest(:accountIds::bigint[], :handles::text[], :platformIds::text[], :etags::text[],
				       :lastModified::text[], :lastActivities::timestamptz[], :newestPosts::text[],
				       :checkedAt::timestamptz[], :successAt::timestamptz[], :outcomes::text[], :httpStatuses::int[],
				       :failures::int[], :streaks::int[], :failingSince::timestamptz[], :errors::text[],
				       :recentPosts::int[], :replyShares::float8[], :movedTo::text[], :profileIds::bigint[],
				       :nextDue::timestamptz[])
				     as t(account_id, handle, platform_id, etag, last_modified, last_activity_at, newest_post_url,
				          last_checked_at, last_success_at, last_outcome, last_http_status, consecutive_failures,
				          outcome_streak, failing_since, last_error, recent_posts, reply_share, moved_to, profile_id,
				          next_due_at)""";

		private final List<State> states;

		Values(List<State> states) {
			this.states = states;
		}

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
			return statement.param("accountIds", column(State::accountId, Long[]::new))
				.param("handles", state(PollState::handle, String[]::new))
				.param("platformIds", state(PollState::platformId, String[]::new))
				.param("etags", state(PollState::etag, String[]::new))
				.param("lastModified", state(PollState::lastModified, String[]::new))
				.param("lastActivities", state(PollState::lastActivityAt, String[]::new))
				.param("newestPosts", state(PollState::newestPostUrl, String[]::new))
				.param("checkedAt", state(PollState::lastCheckedAt, String[]::new))
				.param("successAt", state(PollState::lastSuccessAt, String[]::new))
				.param("outcomes", state(s -> s.lastOutcome() == null ? null : s.lastOutcome().name(), String[]::new))
				.param("httpStatuses", state(PollState::lastHttpStatus, Integer[]::new))
				.param("failures", state(PollState::consecutiveFailures, Integer[]::new))
				.param("streaks", state(PollState::outcomeStreak, Integer[]::new))
				.param("failingSince", state(PollState::failingSince, String[]::new))
				.param("errors", state(PollState::lastError, String[]::new))
				.param("recentPosts", state(PollState::recentPosts, Integer[]::new))
				.param("replyShares", state(PollState::replyShare, Double[]::new))
				.param("movedTo", state(PollState::movedTo, String[]::new))
				.param("profileIds", state(PollState::profileId, Long[]::new))
				.param("nextDue", state(PollState::nextDueAt, String[]::new));
		}

		private <T> T[] column(Function<State, @Nullable Object> value, java.util.function.IntFunction<T[]> array) {
			var values = array.apply(states.size());
			for (int i = 0; i < values.length; i++) {
				var v = value.apply(states.get(i));
				@SuppressWarnings("unchecked")
				var typed = (T) (v instanceof Instant instant ? instant.toString() : v);
				values[i] = typed;
			}
			return values;
		}

		private <T> T[] state(Function<PollState, @Nullable Object> value, java.util.function.IntFunction<T[]> array) {
			return column(s -> value.apply(s.state()), array);
		}

	}

	private void insertHistory(List<Checked> checked, Map<Long, Long> snapshotIds, @Nullable Long runId) {
		jdbc.sql("""
				insert into account_check (account_id, run_id, checked_at, outcome, http_status, latency_ms, requests,
				                           error, last_activity_at, newest_post_url, not_modified, recent_posts,
				                           reply_share, moved_to, profile_id)
				select t.account_id, :runId, t.checked_at, t.outcome, t.http_status, t.latency_ms, t.requests, t.error,
				       t.last_activity_at, t.newest_post_url, t.not_modified, t.recent_posts, t.reply_share, t.moved_to,
				       t.profile_id
				from unnest(:accountIds::bigint[], :checkedAt::timestamptz[], :outcomes::text[], :httpStatuses::int[],
				            :latencies::int[], :requests::int[], :errors::text[], :lastActivities::timestamptz[],
				            :newestPosts::text[], :notModified::boolean[], :recentPosts::int[],
				            :replyShares::float8[], :movedTo::text[], :profileIds::bigint[])
				     as t(account_id, checked_at, outcome, http_status, latency_ms, requests, error, last_activity_at,
				          newest_post_url, not_modified, recent_posts, reply_share, moved_to, profile_id)
				""")
			.param("runId", runId, java.sql.Types.BIGINT)
			.param("accountIds", checked.stream().map(c -> c.target().accountId()).toArray(Long[]::new))
			.param("checkedAt", checked.stream().map(c -> c.checkedAt().toString()).toArray(String[]::new))
			.param("outcomes", checked.stream().map(c -> c.result().outcome().name()).toArray(String[]::new))
			.param("httpStatuses", checked.stream().map(c -> c.result().httpStatus()).toArray(Integer[]::new))
			.param("latencies", checked.stream()
				.map(c -> (int) Math.min(Integer.MAX_VALUE, c.result().latency().toMillis()))
				.toArray(Integer[]::new))
			.param("requests", checked.stream().map(c -> c.result().requests()).toArray(Integer[]::new))
			.param("errors", checked.stream().map(c -> truncate(c.result().error(), 2000)).toArray(String[]::new))
			.param("lastActivities", checked.stream()
				.map(c -> c.result().lastActivityAt() == null ? null : c.result().lastActivityAt().toString())
				.toArray(String[]::new))
			.param("newestPosts", checked.stream().map(c -> truncate(c.result().newestPostUrl(), 2000)).toArray(String[]::new))
			.param("notModified", checked.stream().map(c -> c.result().notModified()).toArray(Boolean[]::new))
			.param("recentPosts", checked.stream().map(c -> c.result().recentPosts()).toArray(Integer[]::new))
			.param("replyShares", checked.stream().map(c -> c.result().replyShare()).toArray(Double[]::new))
			.param("movedTo", checked.stream().map(c -> truncate(c.result().movedTo(), 500)).toArray(String[]::new))
			.param("profileIds", checked.stream().map(c -> snapshotIds.get(c.target().accountId())).toArray(Long[]::new))
			.update();
	}

	/** Writes the profiles that changed since the last snapshot; answers their ids by account. */
	private Map<Long, Long> snapshots(List<Checked> checked) {
		var changed = new LinkedHashMap<Long, Profile>();
		var hashes = new LinkedHashMap<Long, String>();
		for (var check : checked) {
			var profile = check.result().profile();
			if (profile == null) {
				continue;
			}
			var hash = hash(profile);
			if (!hash.equals(check.target().profileHash())) {
				changed.put(check.target().accountId(), profile);
				hashes.put(check.target().accountId(), hash);
			}
		}
		Map<Long, Long> ids = new LinkedHashMap<>();
		if (changed.isEmpty()) {
			return ids;
		}
		var profiles = List.copyOf(changed.values());
		jdbc.sql("""
				insert into profile_snapshot (account_id, hash, display_name, bio, avatar_url, followers, following, posts,
				                              fields, bot, created_at, seen_at)
				select t.account_id, t.hash, t.display_name, t.bio, t.avatar_url, t.followers, t.following, t.posts,
				       t.fields::jsonb, t.bot, t.created_at, :seenAt::timestamptz
				from unnest(:accountIds::bigint[], :hashes::text[], :displayNames::text[], :bios::text[],
				            :avatars::text[], :followers::bigint[], :following::bigint[], :posts::bigint[],
				            :fields::text[], :bots::boolean[], :createdAt::timestamptz[])
				     as t(account_id, hash, display_name, bio, avatar_url, followers, following, posts, fields, bot,
				          created_at)
				returning id, account_id
				""")
			.param("seenAt", clock.instant().toString())
			.param("accountIds", changed.keySet().toArray(Long[]::new))
			.param("hashes", hashes.values().toArray(String[]::new))
			.param("displayNames", profiles.stream().map(p -> truncate(p.displayName(), 500)).toArray(String[]::new))
			.param("bios", profiles.stream().map(p -> truncate(p.bio(), 10_000)).toArray(String[]::new))
			.param("avatars", profiles.stream().map(p -> truncate(p.avatarUrl(), 2000)).toArray(String[]::new))
			.param("followers", profiles.stream().map(Profile::followers).toArray(Long[]::new))
			.param("following", profiles.stream().map(Profile::following).toArray(Long[]::new))
			.param("posts", profiles.stream().map(Profile::posts).toArray(Long[]::new))
			.param("fields", profiles.stream().map(p -> json.writeValueAsString(p.fields())).toArray(String[]::new))
			.param("bots", profiles.stream().map(Profile::bot).toArray(Boolean[]::new))
			.param("createdAt",
					profiles.stream().map(p -> p.createdAt() == null ? null : p.createdAt().toString()).toArray(String[]::new))
			.query((rs, row) -> ids.put(rs.getLong("account_id"), rs.getLong("id")))
			.list();
		return ids;
	}

	private String hash(Profile profile) {
		try {
			var digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(json.writeValueAsString(profile).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * Runs what recording computes in memory (the state machine, profile hashing) on the warm-up's results, writing
	 * nothing; see {@link PollingWarmUp}.
	 */
	void warmUp(List<CheckResult> results) {
		var before = PollState.NONE;
		var at = clock.instant();
		for (var result : results) {
			if (result.profile() != null) {
				hash(result.profile());
			}
			before = states.after(before, new PollStateMachine.Check("warm-up", result, null, true), at);
		}
	}

	/**
	 * Records activity the platform pushed (Bluesky's Jetstream): only activity newer than what is known, no check
	 * row since nothing was asked, and listeners told as after checks.
	 * @return the accounts whose activity moved on
	 */
	List<Long> recordPushed(List<Long> accountIds, List<Instant> activityAt, List<@Nullable String> urls) {
		if (accountIds.isEmpty()) {
			return List.of();
		}
		return Objects.requireNonNull(transactions.execute(status -> {
			var updated = jdbc.sql("""
					update account_state s set last_activity_at = t.at, newest_post_url = coalesce(t.url, s.newest_post_url),
					                           updated_at = :now
					from unnest(:accountIds::bigint[], :ats::timestamptz[], :urls::text[]) as t(account_id, at, url)
					where s.account_id = t.account_id and (s.last_activity_at is null or t.at > s.last_activity_at)
					returning s.account_id
					""")
				.param("now", java.sql.Timestamp.from(clock.instant()))
				.param("accountIds", accountIds.toArray(Long[]::new))
				.param("ats", activityAt.stream().map(Instant::toString).toArray(String[]::new))
				.param("urls", urls.stream().map(url -> url == null || url.length() <= 2000 ? url : url.substring(0, 2000))
					.toArray(String[]::new))
				.query(Long.class)
				.list();
			if (!updated.isEmpty()) {
				events.publishEvent(new AccountsChecked(updated, null));
			}
			return updated;
		}));
	}

}
