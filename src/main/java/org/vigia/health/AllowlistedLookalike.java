package org.vigia.health;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Platform;

/**
 * An account outside the registry that someone dismissed as a known namesake (a fan club, another town's council):
 * discovery leaves it alone while the handle belongs to the same account ({@code platformId}).
 */
public record AllowlistedLookalike(long organizationId, Platform platform, String handle, @Nullable String platformId,
		String reason, String actor, Instant createdAt) {

	/** Whether this entry covers that account: the same handle, and the same account behind it when both are known. */
	public boolean covers(Platform platform, String handle, @Nullable String platformId) {
		return this.platform == platform && this.handle.equals(handle)
				&& (this.platformId == null || platformId == null || this.platformId.equals(platformId));
	}

}
