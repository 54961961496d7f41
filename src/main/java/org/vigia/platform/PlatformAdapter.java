package org.vigia.platform;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Checks accounts of one network; one implementation per network, each a Spring bean. */
public interface PlatformAdapter {

	Platform platform();

	/**
	 * Checks one account. Never throws for what the platform or the network does: failures are results
	 * (ERROR, RATE_LIMITED) so that they are recorded as failed checks.
	 */
	CheckResult check(CheckRequest request);

	/**
	 * How many accounts one call of {@link #checkAll} takes at most: more than one where the platform answers for
	 * several accounts in one request.
	 */
	default int batchSize() {
		return 1;
	}

	/**
	 * How often this network's accounts are checked, where it differs from {@code VIGIA_POLLING_INTERVAL} (networks
	 * whose reads are paid); null for the common interval.
	 */
	default @Nullable Duration interval() {
		return null;
	}

	/** Checks several accounts, answering one result per request in their order; never throws, as {@link #check}. */
	default List<CheckResult> checkAll(List<CheckRequest> requests) {
		return requests.stream().map(this::check).toList();
	}

}
