package org.vigia.platform;

/** Checks accounts of one network; one implementation per network, each a Spring bean. */
public interface PlatformAdapter {

	Platform platform();

	/**
	 * Checks one account. Never throws for what the platform or the network does: failures are results
	 * (ERROR, RATE_LIMITED) so that they are recorded as failed checks.
	 */
	CheckResult check(CheckRequest request);

}
