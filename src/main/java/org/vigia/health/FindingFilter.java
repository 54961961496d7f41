package org.vigia.health;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Platform;

/** Which findings to list; empty sets and nulls mean any. */
public record FindingFilter(Set<FindingStatus> statuses, Set<FindingType> types, Set<Severity> severities,
		@Nullable Long organizationId, @Nullable Long unitId, @Nullable Platform platform, @Nullable Long accountId) {

	public FindingFilter {
		statuses = Set.copyOf(statuses);
		types = Set.copyOf(types);
		severities = Set.copyOf(severities);
	}

}
