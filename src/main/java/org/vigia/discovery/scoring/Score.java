package org.vigia.discovery.scoring;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A candidate's total points, the reasons that add up to them, and the official account it resembles most (null
 * when the institution has none, or nothing pointed at one account in particular).
 */
public record Score(int points, List<Reason> reasons, @Nullable Identity imitated) {

	public Score {
		reasons = List.copyOf(reasons);
	}

	/** Whether a reason with this signal id is among the reasons. */
	public boolean has(String signal) {
		return reasons.stream().anyMatch((reason) -> reason.signal().equals(signal));
	}

}
