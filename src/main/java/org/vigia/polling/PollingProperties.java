package org.vigia.polling;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often and how accounts are checked.
 * @param interval how often every account is checked; checks are spread over it
 * @param scheduleEnabled whether accounts are checked on schedule (poll runs started through the API always work)
 * @param tick how often the shard jobs look for due accounts, and the cluster for poll runs whose workers stopped
 * @param shards how many shard jobs share the scheduled checks; each runs on one node of the cluster at a time
 * @param batchSize accounts one worker claims at once
 * @param parallelism checks in flight at once on this node, all workers together; the HTTP client's caps still apply
 * @param lease how long a claim on an account lasts before another instance may take it over; a dead node's claims are
 * void sooner, once the Quartz cluster sees it is dead
 * @param historyRetention how long the check history is kept; older checks are deleted every night
 * @param pushedInterval how often an account whose activity arrives by push (Bluesky with Jetstream on and healthy) is
 * checked: such a check is the reconciliation pass (profile, suspensions, moves, what push missed), not the way
 * activity is learnt
 * @param warmUp whether the checks' hot paths are run against canned answers at start-up, before the scheduler and
 * the web server start, so that the first poll does not meet a cold JVM
 */
@ConfigurationProperties("vigia.polling")
@Validated
record PollingProperties(@DefaultValue("PT6H") Duration interval, @DefaultValue("true") boolean scheduleEnabled,
		@DefaultValue("PT1M") Duration tick, @DefaultValue("4") @Min(1) @Max(64) int shards,
		@DefaultValue("500") @Min(1) @Max(10000) int batchSize,
		@DefaultValue("128") @Min(1) @Max(4096) int parallelism, @DefaultValue("PT10M") Duration lease,
		@DefaultValue("P400D") Duration historyRetention, @DefaultValue("P1D") Duration pushedInterval,
		@DefaultValue("true") boolean warmUp) {

	PollingProperties {
		require(interval, Duration.ofMinutes(1), "vigia.polling.interval");
		require(tick, Duration.ofSeconds(1), "vigia.polling.tick");
		require(lease, Duration.ofSeconds(1), "vigia.polling.lease");
		require(historyRetention, Duration.ofDays(1), "vigia.polling.history-retention");
		require(pushedInterval, Duration.ofMinutes(1), "vigia.polling.pushed-interval");
	}

	private static void require(Duration value, Duration minimum, String property) {
		if (value.compareTo(minimum) < 0) {
			throw new IllegalArgumentException(property + " must be at least " + minimum + ", was " + value);
		}
	}

}
