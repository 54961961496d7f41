package org.vigia.health;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Platform;

/**
 * An official account whose handle is free or may become free: it is GONE, or MOVED away from the handle the registry
 * holds. Whoever takes the handle next inherits the trust people put in it.
 * @param platformId the official account's own id on the platform, when a check learnt it
 */
public record ReleasedAccount(long accountId, long organizationId, Platform platform, String handle, String url,
		@Nullable String platformId, FindingType reason) {
}
