package org.vigia.polling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformChecker;
import org.vigia.platform.Profile;

import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a batch of accounts in parallel and records every outcome: one history row per check, the account's current
 * state, a profile snapshot only when the profile changed, and the run's progress; all set-based, one statement per
 * table per group of finished checks.
 */
@Service
class AccountPoller {

	private static final Logger log = LoggerFactory.getLogger(AccountPoller.class);

	/** The most checks recorded in one transaction, and the longest a finished check waits for its group. */
	private static final int GROUP_SIZE = 20;

	private static final Duration GROUP_TIME = Duration.ofSeconds(1);

	/** An account to check, with what earlier checks left behind. */
	record Target(long accountId, AccountAddress address, @Nullable String platformId, @Nullable String etag,
			@Nullable String lastModified, @Nullable String profileHash, @Nullable Instant nextDueAt,
			@Nullable Long knownPosts) {
	}

	/** A finished check. */
	record Checked(Target target, CheckResult result, Instant checkedAt) {
	}

	private final JdbcClient jdbc;

	private final PlatformChecker checker;

	private final PollingProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	// Shared by every worker on this node: checks waiting for the HTTP client's permits cost memory and wake-ups.
	private final Semaphore permits;

	private final MeterRegistry meters;

	private final ApplicationEventPublisher events;

	private final ClusterNodes nodes;

	AccountPoller(JdbcClient jdbc, PlatformChecker checker, PollingProperties properties,
			TransactionTemplate transactions, Clock clock, MeterRegistry meters, ApplicationEventPublisher events,
			ClusterNodes nodes) {
		this.nodes = nodes;
		this.meters = meters;
		this.events = events;
		this.jdbc = jdbc;
		this.checker = checker;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
		this.permits = new Semaphore(properties.parallelism());
	}

	/**
	 * Checks the accounts and records the outcomes in small groups, as the checks finish: a node that dies loses the
	 * checks of one group at most, not those of its whole batch.
	 * @param runId the poll run they belong to, or null for scheduled checks
	 * @param scheduled whether this is the scheduled check (it moves the next due time on by one interval)
	 * @return the checks recorded: those whose claim this node still held
	 */
	List<Checked> poll(List<Long> accountIds, @Nullable Long runId, boolean scheduled) {
		if (accountIds.isEmpty()) {
			return List.of();
		}
		var targets = load(accountIds);
		var recorded = new ArrayList<Checked>(targets.size());
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			try {
				var checks = new ExecutorCompletionService<List<Checked>>(executor);
				var batches = batches(targets);
				for (var batch : batches) {
					checks.submit(() -> check(batch));
				}
				var group = new ArrayList<Checked>(GROUP_SIZE);
				long groupDue = 0;
				for (int remaining = batches.size(); remaining > 0;) {
					Future<List<Checked>> next;
					if (group.isEmpty()) {
						next = checks.take();
						groupDue = System.nanoTime() + GROUP_TIME.toNanos();
					}
					else {
						next = checks.poll(Math.max(0, groupDue - System.nanoTime()), TimeUnit.NANOSECONDS);
					}
					if (next != null) {
						group.addAll(next.get());
						remaining--;
					}
					if (group.size() >= GROUP_SIZE || remaining == 0 || System.nanoTime() - groupDue >= 0) {
						recorded.addAll(recordWithRetries(group, runId, scheduled));
						group.clear();
					}
				}
			}
			catch (Throwable ex) {
				// The checks still in flight would be lost anyway: stop them rather than wait for them.
				executor.shutdownNow();
				throw ex;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while checking accounts", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A check failed unexpectedly", ex.getCause());
		}
		for (var check : recorded) {
			meters.counter("vigia.checks", "platform", check.target().address().platform().id(), "outcome",
					check.result().outcome().name()).increment();
		}
		return recorded;
	}

	private List<Checked> recordWithRetries(List<Checked> group, @Nullable Long runId, boolean scheduled) {
		var checked = new ArrayList<>(group);
		// One order for every writer of account rows (the health sweep locks them by id too): no deadlocks between them.
		checked.sort(Comparator.comparingLong(check -> check.target().accountId()));
		for (int attempt = 1;; attempt++) {
			try {
				return Objects.requireNonNull(transactions.execute(status -> record(checked, runId, scheduled)));
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == 3) {
					throw ex;
				}
				log.info("Recording {} checks met a lock conflict; retrying ({})", checked.size(), ex.getMessage());
			}
		}
	}

	private List<Target> load(List<Long> accountIds) {
		return jdbc.sql("""
				select a.id, a.platform, a.handle, a.url, s.handle as checked_handle, s.platform_id, s.etag,
				       s.last_modified, p.hash, s.next_due_at, p.posts, s.last_outcome
				from account a
				left join account_state s on s.account_id = a.id
				left join profile_snapshot p on p.id = s.profile_id
				where a.id = any(:ids)
				""").param("ids", accountIds.toArray(Long[]::new)).query((rs, row) -> {
			var timestamp = rs.getTimestamp("next_due_at");
			var handle = rs.getString("handle");
			// An edited registry entry may name another account: what was learnt about the old one must not leak.
			boolean same = handle.equals(rs.getString("checked_handle"));
			// A count seen before a failure or a verdict is no baseline: the next good check must read the posts.
			var outcome = rs.getString("last_outcome");
			boolean baseline = same && ("OK".equals(outcome) || "MOVED".equals(outcome));
			var posts = rs.getObject("posts", Long.class);
			return new Target(rs.getLong("id"),
					new AccountAddress(Platform.valueOf(rs.getString("platform")), handle, rs.getString("url")),
					same ? rs.getString("platform_id") : null, same ? rs.getString("etag") : null,
					same ? rs.getString("last_modified") : null, rs.getString("hash"),
					timestamp == null ? null : timestamp.toInstant(), baseline ? posts : null);
		}).list();
	}

	/** The targets in the groups one call of the checker takes: one account, or a platform's batch. */
	private List<List<Target>> batches(List<Target> targets) {
		var batches = new ArrayList<List<Target>>();
		var open = new LinkedHashMap<Platform, List<Target>>();
		for (var target : targets) {
			var platform = target.address().platform();
			int size = checker.batchSize(platform);
			if (size <= 1) {
				batches.add(List.of(target));
				continue;
			}
			var batch = open.computeIfAbsent(platform, key -> new ArrayList<>(size));
			batch.add(target);
			if (batch.size() == size) {
				batches.add(batch);
				open.remove(platform);
			}
		}
		batches.addAll(open.values());
		return batches;
	}

	private List<Checked> check(List<Target> batch) throws InterruptedException {
		permits.acquire();
		try {
			var requests = batch.stream()
				.map(target -> new CheckRequest(target.address(), target.platformId(), target.etag(),
						target.lastModified(), target.knownPosts()))
				.toList();
			var results = (requests.size() == 1) ? List.of(checker.check(requests.getFirst()))
					: checker.checkAll(requests);
			var checkedAt = clock.instant();
			var checked = new ArrayList<Checked>(batch.size());
			for (int i = 0; i < batch.size(); i++) {
				checked.add(new Checked(batch.get(i), results.get(i), checkedAt));
			}
			return checked;
		}
		finally {
			permits.release();
		}
	}

	/**
	 * Keeps the checks whose claim this node still holds, locking their rows (a run's accounts are marked done at
	 * once): a node that was thought dead, and whose accounts another took over, must not record them a second time.
	 */
	private Set<Long> stillClaimed(List<Checked> checked, @Nullable Long runId) {
		var accountIds = checked.stream().map(check -> check.target().accountId()).toArray(Long[]::new);
		if (runId != null) {
			var outcomes = checked.stream().map(check -> check.result().outcome().name()).toArray(String[]::new);
			return new HashSet<>(jdbc.sql("""
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
				.list());
		}
		return new HashSet<>(jdbc.sql("""
				select account_id from account_state
				where account_id = any(:accountIds) and claimed_by = :instanceId
				order by account_id
				for update
				""").param("accountIds", accountIds).param("instanceId", nodes.instanceId()).query(Long.class).list());
	}

	private List<Checked> record(List<Checked> claimed, @Nullable Long runId, boolean scheduled) {
		var held = stillClaimed(claimed, runId);
		var checked = claimed.stream().filter(check -> held.contains(check.target().accountId())).toList();
		if (checked.size() < claimed.size()) {
			log.info("{} of {} checks were not recorded: another node took their claims over", claimed.size()
					- checked.size(), claimed.size());
		}
		if (checked.isEmpty()) {
			return checked;
		}
		var profileIds = snapshots(checked);
		int size = checked.size();
		var accountIds = new Long[size];
		var checkedAt = new String[size];
		var outcomes = new String[size];
		var httpStatuses = new Integer[size];
		var latencies = new Integer[size];
		var requests = new Integer[size];
		var errors = new String[size];
		var lastActivities = new String[size];
		var newestPosts = new String[size];
		var notModified = new Boolean[size];
		var recentPosts = new Integer[size];
		var replyShares = new Double[size];
		var movedTo = new String[size];
		var snapshotIds = new Long[size];
		var platformIds = new String[size];
		var handles = new String[size];
		var etags = new String[size];
		var lastModified = new String[size];
		var evidence = new Boolean[size];
		var failure = new Boolean[size];
		var nextDue = new String[size];
		for (int i = 0; i < size; i++) {
			var check = checked.get(i);
			var result = check.result();
			accountIds[i] = check.target().accountId();
			checkedAt[i] = check.checkedAt().toString();
			outcomes[i] = result.outcome().name();
			httpStatuses[i] = result.httpStatus();
			latencies[i] = (int) Math.min(Integer.MAX_VALUE, result.latency().toMillis());
			requests[i] = result.requests();
			errors[i] = truncate(result.error(), 2000);
			lastActivities[i] = result.lastActivityAt() == null ? null : result.lastActivityAt().toString();
			newestPosts[i] = truncate(result.newestPostUrl(), 2000);
			notModified[i] = result.notModified();
			recentPosts[i] = result.recentPosts();
			replyShares[i] = result.replyShare();
			movedTo[i] = truncate(result.movedTo(), 500);
			snapshotIds[i] = profileIds.get(check.target().accountId());
			platformIds[i] = result.platformId();
			handles[i] = check.target().address().handle();
			etags[i] = truncate(result.etag(), 500);
			lastModified[i] = truncate(result.lastModified(), 100);
			evidence[i] = result.outcome().isEvidence();
			failure[i] = result.outcome() == CheckOutcome.ERROR || result.outcome() == CheckOutcome.RATE_LIMITED;
			nextDue[i] = nextDue(check, scheduled).toString();
		}
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
			.param("accountIds", accountIds)
			.param("checkedAt", checkedAt)
			.param("outcomes", outcomes)
			.param("httpStatuses", httpStatuses)
			.param("latencies", latencies)
			.param("requests", requests)
			.param("errors", errors)
			.param("lastActivities", lastActivities)
			.param("newestPosts", newestPosts)
			.param("notModified", notModified)
			.param("recentPosts", recentPosts)
			.param("replyShares", replyShares)
			.param("movedTo", movedTo)
			.param("profileIds", snapshotIds)
			.update();
		// Failures are facts about the check, never about the account: they leave its activity and validators alone.
		jdbc.sql("""
				insert into account_state as s (account_id, handle, platform_id, etag, last_modified, last_activity_at,
				                                newest_post_url, last_checked_at, last_success_at, last_outcome,
				                                last_http_status, consecutive_failures, moved_to, profile_id,
				                                next_due_at, updated_at, outcome_streak, failing_since, last_error,
				                                recent_posts, reply_share)
				select t.account_id, t.handle, t.platform_id, t.etag, t.last_modified, t.last_activity_at,
				       t.newest_post_url, t.checked_at, case when t.evidence then t.checked_at end, t.outcome, t.http_status,
				       case when t.failure then 1 else 0 end, t.moved_to, t.profile_id, t.next_due_at,
				       t.checked_at, 1, case when t.failure then t.checked_at end, t.error, t.recent_posts, t.reply_share
				from unnest(:accountIds::bigint[], :handles::text[], :platformIds::text[], :etags::text[],
				            :lastModified::text[], :lastActivities::timestamptz[], :newestPosts::text[],
				            :checkedAt::timestamptz[], :outcomes::text[], :httpStatuses::int[], :movedTo::text[],
				            :profileIds::bigint[], :nextDue::timestamptz[], :evidence::boolean[], :failure::boolean[],
				            :errors::text[], :recentPosts::int[], :replyShares::float8[])
				     as t(account_id, handle, platform_id, etag, last_modified, last_activity_at, newest_post_url,
				          checked_at, outcome, http_status, moved_to, profile_id, next_due_at, evidence, failure, error,
				          recent_posts, reply_share)
				order by t.account_id
				on conflict (account_id) do update set
				    outcome_streak = case when s.last_outcome = excluded.last_outcome
				                               and s.handle is not distinct from excluded.handle
				                          then s.outcome_streak + 1 else 1 end,
				    failing_since = case when excluded.failing_since is null then null
				                         else coalesce(s.failing_since, excluded.failing_since) end,
				    last_error = excluded.last_error,
				    recent_posts = case when s.handle is distinct from excluded.handle then excluded.recent_posts
				                        when excluded.recent_posts is not null then excluded.recent_posts
				                        else s.recent_posts end,
				    reply_share = case when s.handle is distinct from excluded.handle then excluded.reply_share
				                       when excluded.recent_posts is not null then excluded.reply_share
				                       else s.reply_share end,
				    handle = excluded.handle,
				    platform_id = case when s.handle is distinct from excluded.handle then excluded.platform_id
				                       else coalesce(excluded.platform_id, s.platform_id) end,
				    etag = case when s.handle is distinct from excluded.handle then excluded.etag
				                when excluded.last_success_at is not null then coalesce(excluded.etag, s.etag)
				                else s.etag end,
				    last_modified = case when s.handle is distinct from excluded.handle then excluded.last_modified
				                         when excluded.last_success_at is not null
				                         then coalesce(excluded.last_modified, s.last_modified) else s.last_modified end,
				    newest_post_url = case when s.handle is distinct from excluded.handle then excluded.newest_post_url
				                           when excluded.last_activity_at is not null
				                                and (s.last_activity_at is null or excluded.last_activity_at >= s.last_activity_at)
				                           then excluded.newest_post_url else s.newest_post_url end,
				    last_activity_at = case when s.handle is distinct from excluded.handle then excluded.last_activity_at
				                            else greatest(s.last_activity_at, excluded.last_activity_at) end,
				    last_checked_at = excluded.last_checked_at,
				    last_success_at = coalesce(excluded.last_success_at, s.last_success_at),
				    last_outcome = excluded.last_outcome,
				    last_http_status = excluded.last_http_status,
				    consecutive_failures = case when excluded.consecutive_failures = 1 then s.consecutive_failures + 1 else 0 end,
				    moved_to = case when excluded.last_outcome = 'MOVED' then excluded.moved_to
				                    when excluded.last_success_at is not null then null else s.moved_to end,
				    profile_id = coalesce(excluded.profile_id, s.profile_id),
				    next_due_at = excluded.next_due_at,
				    -- a run's check leaves alone the claim a scheduled shard may hold on the account
				    lease_until = case when :scheduled then null else s.lease_until end,
				    claimed_by = case when :scheduled then null else s.claimed_by end,
				    updated_at = excluded.updated_at
				""")
			.param("scheduled", scheduled)
			.param("accountIds", accountIds)
			.param("handles", handles)
			.param("platformIds", platformIds)
			.param("etags", etags)
			.param("lastModified", lastModified)
			.param("lastActivities", lastActivities)
			.param("newestPosts", newestPosts)
			.param("checkedAt", checkedAt)
			.param("outcomes", outcomes)
			.param("httpStatuses", httpStatuses)
			.param("movedTo", movedTo)
			.param("profileIds", snapshotIds)
			.param("nextDue", nextDue)
			.param("evidence", evidence)
			.param("failure", failure)
			.param("errors", errors)
			.param("recentPosts", recentPosts)
			.param("replyShares", replyShares)
			.update();
		// Listeners run in this transaction: what they conclude from the checks commits with them, or not at all.
		events.publishEvent(new AccountsChecked(List.of(accountIds), runId));
		return checked;
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
				.param("urls", urls.stream().map(url -> truncate(url, 2000)).toArray(String[]::new))
				.query(Long.class)
				.list();
			if (!updated.isEmpty()) {
				events.publishEvent(new AccountsChecked(updated, null));
			}
			return updated;
		}));
	}

	private Instant nextDue(Checked check, boolean scheduled) {
		var previous = check.target().nextDueAt();
		var interval = properties.interval();
		if (previous == null) {
			// First check: place the account at a random point of the interval so that checks spread out.
			long spread = ThreadLocalRandom.current().nextLong(Math.max(1, interval.toMillis()));
			return check.checkedAt().plusMillis(spread);
		}
		if (!scheduled) {
			return previous;
		}
		var next = previous.plus(interval);
		if (next.isBefore(check.checkedAt())) {
			next = check.checkedAt().plus(interval);
		}
		var retryAt = check.result().retryAt();
		if (check.result().outcome() == CheckOutcome.RATE_LIMITED && retryAt != null && retryAt.isBefore(next)) {
			return retryAt.isAfter(check.checkedAt()) ? retryAt : check.checkedAt().plus(Duration.ofMinutes(1));
		}
		return next;
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
		var seenAt = clock.instant().toString();
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
			.param("seenAt", seenAt)
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

	private static @Nullable String truncate(@Nullable String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
