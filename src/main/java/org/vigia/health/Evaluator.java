package org.vigia.health;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.platform.Platform;

/**
 * Evaluates the rules for a set of accounts and writes what changed. The accounts are locked first, so that two
 * evaluators (two instances, or the sweep and a poll) take turns on an account and the second one reads what the first
 * wrote; each statement works on the whole set. The findings about their units (several accounts on one network) are
 * judged with them; those are shared by evaluators of different accounts, which the writer's compare-and-set keeps to
 * one transition per change.
 */
@Service
class Evaluator {

	/** What one evaluation did. */
	record Result(List<Long> accountIds, List<FindingTransition> transitions) {
	}

	private final FactsRepository facts;

	private final FindingWriter writer;

	private final HealthProperties properties;

	private final Rules rules;

	private final Clock clock;

	Evaluator(FactsRepository facts, FindingWriter writer, HealthProperties properties, Clock clock) {
		this.facts = facts;
		this.writer = writer;
		this.properties = properties;
		this.rules = new Rules(properties);
		this.clock = clock;
	}

	/** Evaluates these accounts now, in the caller's transaction if there is one. */
	@Transactional
	public Result evaluate(List<Long> accountIds) {
		return evaluateNow(accountIds);
	}

	/**
	 * Evaluates these accounts inside the caller's transaction (a poller recording checks) behind a savepoint: should
	 * the evaluation fail, its writes are undone and the caller's stand.
	 */
	@Transactional(propagation = Propagation.NESTED)
	public Result evaluateNested(List<Long> accountIds) {
		return evaluateNow(accountIds);
	}

	private Result evaluateNow(List<Long> accountIds) {
		var locked = facts.lock(accountIds);
		if (locked.isEmpty()) {
			return new Result(locked, List.of());
		}
		var context = facts.context(locked, platformStats());
		return new Result(locked, evaluate(locked, context, clock.instant(), true));
	}

	/**
	 * The platforms' failure counts for evaluations after checks: an aggregate over every account, so it is reused for
	 * a minute rather than computed for each batch (outages last longer than that; the sweep always counts afresh).
	 */
	private Map<Platform, FactsRepository.PlatformStats> platformStats() {
		var cached = stats;
		long now = System.nanoTime();
		if (cached == null || now - cached.at() > STATS_TTL_NANOS) {
			cached = new CachedStats(facts.platformStats(), now);
			stats = cached;
		}
		return cached.stats();
	}

	private record CachedStats(Map<Platform, FactsRepository.PlatformStats> stats, long at) {
	}

	private static final long STATS_TTL_NANOS = java.time.Duration.ofMinutes(1).toNanos();

	private volatile @Nullable CachedStats stats;

	/** Evaluates the next chunk of a sweep in its own transaction. */
	@Transactional
	public Result sweepChunk(long afterId, Context context, Instant now) {
		var locked = facts.lockNext(afterId, properties.sweepChunk());
		if (locked.isEmpty()) {
			return new Result(locked, List.of());
		}
		return new Result(locked, evaluate(locked, context, now, false));
	}

	/** Opens, updates and resolves the platform-level findings. */
	@Transactional
	public List<FindingTransition> evaluatePlatforms(Map<Platform, FactsRepository.PlatformStats> stats, Instant now) {
		var stored = facts.storedForPlatforms();
		var decisions = new ArrayList<Lifecycle.Decision>();
		for (var platform : Platform.values()) {
			var counts = stats.get(platform);
			Condition condition = (counts != null) ? rules.outage(platform, counts.unreachable(), counts.checked()) : null;
			var key = FactsRepository.key(FindingType.UNREACHABLE, Condition.platformKey(platform));
			var decision = Lifecycle.decide(stored.get(key), condition, false, null, now);
			if (decision != null) {
				decisions.add(decision);
			}
		}
		return writer.apply(decisions, now, FindingTransition.RULES);
	}

	/**
	 * Evaluates a sweep's units, each on every network where it runs several accounts, and resolves the findings of
	 * those that no longer do.
	 */
	@Transactional
	public List<FindingTransition> sweepUnits(Context context, Instant now) {
		return writer.apply(unitDecisions(null, context.units(), now), now, FindingTransition.RULES);
	}

	/** Evaluates one unit's findings now (its registry entry changed), in the caller's transaction behind a savepoint. */
	@Transactional(propagation = Propagation.NESTED)
	public List<FindingTransition> evaluateUnit(long unitId) {
		var now = clock.instant();
		return writer.apply(unitDecisions(List.of(unitId), facts.unitGroups(unitId), now), now,
				FindingTransition.RULES);
	}

	/** Evaluates these accounts, and with {@code withUnits} their units' findings too. */
	private List<FindingTransition> evaluate(List<Long> accountIds, Context context, Instant now, boolean withUnits) {
		var stored = facts.storedForAccounts(accountIds);
		var decisions = new ArrayList<Lifecycle.Decision>();
		var units = new HashSet<Long>();
		for (var account : facts.facts(accountIds, properties.guidelines())) {
			if (account.unitId() != null) {
				units.add(account.unitId());
			}
			var evaluation = rules.evaluate(account, context, now);
			var subjectKey = Condition.accountKey(account.accountId());
			var conditions = new java.util.EnumMap<FindingType, Condition>(FindingType.class);
			for (var condition : evaluation.conditions()) {
				conditions.put(condition.type(), condition);
			}
			for (var type : ACCOUNT_TYPES) {
				var decision = Lifecycle.decide(stored.get(FactsRepository.key(type, subjectKey)), conditions.get(type),
						evaluation.held().contains(type), evaluation.reasons().get(type), now);
				if (decision != null) {
					decisions.add(decision);
				}
			}
		}
		if (withUnits && !units.isEmpty()) {
			decisions.addAll(unitDecisions(units, context.units(), now));
		}
		return writer.apply(decisions, now, FindingTransition.RULES);
	}

	/**
	 * The decisions about units' findings: one for each unit and network where the unit runs several accounts, and one
	 * for each standing finding about a unit that no longer does.
	 * @param unitIds the units to judge, or null for all
	 * @param groups at least the groups of those units
	 */
	private List<Lifecycle.Decision> unitDecisions(@Nullable Collection<Long> unitIds,
			Map<Context.UnitNetwork, Context.UnitGroup> groups, Instant now) {
		var stored = facts.storedForUnits(unitIds);
		var decisions = new ArrayList<Lifecycle.Decision>();
		for (var group : groups.values()) {
			if (unitIds != null && !unitIds.contains(group.unitId())) {
				continue;
			}
			var key = FactsRepository.key(FindingType.DUPLICATE, Condition.unitKey(group.unitId(), group.platform()));
			var decision = Lifecycle.decide(stored.remove(key), rules.sameUnit(group).orElse(null), false,
					rules.sameUnitCleared(group), now);
			if (decision != null) {
				decisions.add(decision);
			}
		}
		for (var gone : stored.values()) {
			var decision = Lifecycle.decide(gone, null, false, null, now);
			if (decision != null) {
				decisions.add(decision);
			}
		}
		return decisions;
	}

	/** The types the account rules judge; discovery's, recertification's and connections' findings are judged there. */
	private static final EnumSet<FindingType> ACCOUNT_TYPES = EnumSet.complementOf(
			EnumSet.of(FindingType.IMPERSONATION, FindingType.UNREGISTERED, FindingType.LOST_CONTROL,
					FindingType.ACCOUNT_SECURITY, FindingType.UNCERTIFIED, FindingType.ACCESS_LOST,
					FindingType.CONNECTION_EXPIRING));

}
