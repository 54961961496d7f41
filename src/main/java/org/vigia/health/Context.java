package org.vigia.health;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vigia.platform.Platform;

/**
 * What the rules need to know beyond one account.
 * @param sameAccount by account: every active account registered for the same real account (same DID, account id,
 * channel), itself included, oldest first
 * @param sameUnit by account: every active account its unit runs on the same network, itself included, oldest first
 * @param outages platforms where most accounts cannot be checked at once
 */
record Context(Map<Long, List<Peer>> sameAccount, Map<Long, List<Peer>> sameUnit, Set<Platform> outages) {

	static final Context EMPTY = new Context(Map.of(), Map.of(), Set.of());

	/** Another account in a group. */
	record Peer(long accountId, String handle) {
	}

}
