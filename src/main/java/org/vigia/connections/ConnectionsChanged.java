package org.vigia.connections;

import java.util.List;

/**
 * Connections changed state (granted, refreshed, refused, expired, revoked): the accounts they reach or reached are to be
 * judged again, and the connections themselves.
 * @param connectionIds the connections that changed
 * @param accountIds the registry accounts they reach or reached
 */
public record ConnectionsChanged(List<Long> connectionIds, List<Long> accountIds) {

	public ConnectionsChanged {
		connectionIds = List.copyOf(connectionIds);
		accountIds = List.copyOf(accountIds);
	}

}
