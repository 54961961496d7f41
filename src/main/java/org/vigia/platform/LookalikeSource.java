package org.vigia.platform;

import java.net.URI;

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

	HandleProbe probe(AccountAddress address);

}
