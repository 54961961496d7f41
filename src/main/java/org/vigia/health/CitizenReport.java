package org.vigia.health;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Platform;

/**
 * A citizen's report of an account that pretends to be an organization's, scored against it at once.
 * @param imitatedAccountId the official account it resembles most, when one stands out
 * @param impersonation whether the score reached the look-alike threshold
 * @param reasons the scorer's reasons, each {signal, points, detail}
 * @param reports how many times the public has reported this account to the organization, this report included
 */
public record CitizenReport(long organizationId, Platform platform, String handle, String url,
		@Nullable Long imitatedAccountId, @Nullable String imitatedHandle, boolean impersonation, int points,
		int threshold, List<Map<String, Object>> reasons, long reports, Instant reportedAt) {

	public CitizenReport {
		Objects.requireNonNull(platform, "platform");
		Objects.requireNonNull(handle, "handle");
		reasons = List.copyOf(reasons);
	}

}
