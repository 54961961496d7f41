package org.vigia.platform;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Searches and looks up accounts on one network for the {@link PlatformDirectory}; one implementation per network
 * that has a public account search, each a Spring bean, so that adding a network means adding one package.
 */
public interface LookalikeSource {

	Platform platform();

	/** The most accounts one search answers. */
	int maxResults();

	/**
	 * Searches accounts; the directory has already cleaned the query and capped the limit at {@link #maxResults()}.
	 * @throws IllegalArgumentException when the network needs a server and {@code server} is missing or malformed
	 */
	AccountSearch search(String query, @Nullable URI server, int limit);

	/** {@link #search(String, URI, int)}, waiting up to {@code patience} where the network paces requests. */
	default AccountSearch search(String query, @Nullable URI server, int limit, Duration patience) {
		return search(query, server, limit);
	}

	HandleProbe probe(AccountAddress address);

	/** How many handles one request of {@link #probe(List, Duration)} looks up. */
	default int probeBatch() {
		return 1;
	}

	/**
	 * Looks up at most {@link #probeBatch()} handles; the directory has checked their number and platform. One at a
	 * time unless the network can do better.
	 */
	default Map<AccountAddress, HandleProbe> probe(List<AccountAddress> addresses, Duration patience) {
		var answers = new LinkedHashMap<AccountAddress, HandleProbe>();
		for (var address : addresses) {
			answers.put(address, probe(address));
		}
		return answers;
	}

}
