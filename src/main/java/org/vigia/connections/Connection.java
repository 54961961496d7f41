package org.vigia.connections;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Platform;

/**
 * An authorization a person who administers an organization's accounts on a network granted Vigía; never its tokens.
 * @param registration the client registration it was granted through ({@code meta}, {@code threads})
 * @param grantedBy the Vigía user who connected it
 * @param networkUserName the person the network says granted it
 * @param lastError what the network last said when it refused it, as a stored {@code platform.Message}
 */
public record Connection(long id, long organizationId, String registration, String grantedBy, String networkUserId,
		@Nullable String networkUserName, Instant grantedAt, List<String> scopes, @Nullable Instant expiresAt,
		boolean refreshable, ConnectionState state, @Nullable Instant lastUsedAt, @Nullable String lastError,
		List<Asset> assets) {

	/**
	 * An account the connection administers.
	 * @param accountId the registry account it was matched to, if any
	 * @param present false once the person no longer administers it
	 */
	public record Asset(Platform platform, String platformId, @Nullable String handle, @Nullable Long accountId,
			boolean present) {
	}

	/** The registry accounts it covers. */
	public List<Long> accountIds() {
		return assets.stream().filter(Asset::present).map(Asset::accountId).filter(id -> id != null).distinct().toList();
	}

}
