package org.vigia.platform;

import java.util.List;

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

	/** Checks several accounts, answering one result per request in their order; never throws, as {@link #check}. */
	default List<CheckResult> checkAll(List<CheckRequest> requests) {
		return requests.stream().map(this::check).toList();
	}

}
