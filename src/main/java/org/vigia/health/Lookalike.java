package org.vigia.health;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Platform;

/**
 * An account outside the registry that a standing IMPERSONATION or UNREGISTERED finding is about, so that discovery
 * looks at it again on its next run.
 */
public record Lookalike(long findingId, FindingType type, FindingStatus status, Platform platform, String handle,
		String url, @Nullable String platformId) {
}
