package org.vigia.registry;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Platform;

/** Which accounts to list; null fields do not filter. {@code text} matches handle, URL or display name. */
public record AccountFilter(@Nullable Long organizationId, @Nullable Long unitId, @Nullable Platform platform,
		@Nullable AccountStatus status, @Nullable String text) {

	public static AccountFilter all() {
		return new AccountFilter(null, null, null, null, null);
	}

}
