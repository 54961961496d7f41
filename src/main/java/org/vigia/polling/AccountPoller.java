package org.vigia.polling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.AccountRef;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformChecker;

/**
 * Checks a batch of accounts in parallel and hands the finished checks to {@link CheckRecorder} in small groups, as
 * they finish.
 */
@Service
class AccountPoller {

	private static final Logger log = LoggerFactory.getLogger(AccountPoller.class);

	/**
	 * A group is recorded once it has this many checks, or its first check waited {@link #GROUP_TIME}; checks that
	 * finished while the last group was being recorded all join the next one, up to {@link #MAX_GROUP}: a group's
	 * statements cost about the same for 20 checks as for 200, so recording keeps up with the checks instead of
	 * holding them back (the first poll of a fresh start, whose writes are the heaviest, took 2 to 3 times the
	 * plain client's time with fixed groups of 20; see bench/README.md).
	 */
	private static final int GROUP_SIZE = 20;

	/** The most checks recorded in one transaction: what a node that dies while recording loses at most. */
	private static final int MAX_GROUP = 250;

	private static final Duration GROUP_TIME = Duration.ofSeconds(1);

	/** An account to check, with what earlier checks left behind. */
	record Target(long accountId, long organizationId, AccountAddress address, @Nullable String platformId,
			@Nullable String etag, @Nullable String lastModified, @Nullable String profileHash,
			@Nullable Long knownPosts) {
	}

	/** A finished check. */
	record Checked(Target target, CheckResult result, Instant checkedAt) {
	}

	private final JdbcClient jdbc;

	private final PlatformChecker checker;

	private final CheckRecorder recorder;

	private final Clock clock;

	// Shared by every worker on this node: checks waiting for the HTTP client's permits cost memory and wake-ups.
	private final Semaphore permits;

	private final MeterRegistry meters;

	AccountPoller(JdbcClient jdbc, PlatformChecker checker, CheckRecorder recorder, PollingProperties properties,
			Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.checker = checker;
		this.recorder = recorder;
		this.clock = clock;
		this.meters = meters;
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
		long started = System.nanoTime();
		long inRecord = 0;
		int groups = 0;
		long lastCheck = 0;
		var targets = load(accountIds);
		long loaded = System.nanoTime();
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
						lastCheck = System.nanoTime();
						// Whatever else finished meanwhile joins the group at once.
						while (remaining > 0 && group.size() < MAX_GROUP && (next = checks.poll()) != null) {
							group.addAll(next.get());
							remaining--;
						}
					}
					if (group.size() >= GROUP_SIZE || remaining == 0 || System.nanoTime() - groupDue >= 0) {
						long recording = System.nanoTime();
						recorded.addAll(recorder.record(group, runId, scheduled));
						inRecord += System.nanoTime() - recording;
						groups++;
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
		if (log.isDebugEnabled()) {
			// Where a batch's time goes: when recording takes most of it, the checks wait for the recorder.
			log.debug("{} accounts: loaded in {} ms, last check taken at {} ms, done at {} ms, {} ms recording in {} "
					+ "groups", accountIds.size(), (loaded - started) / 1_000_000, (lastCheck - started) / 1_000_000,
					(System.nanoTime() - started) / 1_000_000, inRecord / 1_000_000, groups);
		}
		for (var check : recorded) {
			meters.counter("vigia.checks", "platform", check.target().address().platform().id(), "outcome",
					check.result().outcome().name()).increment();
		}
		return recorded;
	}

	/** The accounts with what earlier checks left behind, for the next check of each. */
	List<Target> load(List<Long> accountIds) {
		return jdbc.sql("""
				select a.id, a.organization_id, a.platform, a.handle, a.url, s.handle as checked_handle,
				       s.platform_id, s.etag, s.last_modified, p.hash, p.posts, s.last_outcome
				from registry_accounts a
				left join account_state s on s.account_id = a.id
				left join profile_snapshot p on p.id = s.profile_id
				where a.id = any(:ids)
				""").param("ids", accountIds.toArray(Long[]::new)).query((rs, row) -> {
			var handle = rs.getString("handle");
			// An edited registry entry may name another account: what was learnt about the old one must not leak.
			boolean same = handle.equals(rs.getString("checked_handle"));
			// A count seen before a failure or a verdict is no baseline: the next good check must read the posts.
			var outcome = rs.getString("last_outcome");
			boolean baseline = same && ("OK".equals(outcome) || "MOVED".equals(outcome));
			var posts = rs.getObject("posts", Long.class);
			return new Target(rs.getLong("id"), rs.getLong("organization_id"),
					new AccountAddress(Platform.valueOf(rs.getString("platform")), handle, rs.getString("url")),
					same ? rs.getString("platform_id") : null, same ? rs.getString("etag") : null,
					same ? rs.getString("last_modified") : null, rs.getString("hash"), baseline ? posts : null);
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
						target.lastModified(), target.knownPosts(),
						new AccountRef(target.accountId(), target.organizationId())))
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
	 * Records activity the platform pushed (Bluesky's Jetstream): only activity newer than what is known.
	 * @return the accounts whose activity moved on
	 */
	List<Long> recordPushed(List<Long> accountIds, List<Instant> activityAt, List<@Nullable String> urls) {
		return recorder.recordPushed(accountIds, activityAt, urls);
	}

}
