package org.vigia.discovery.scoring;

import java.util.Objects;

/**
 * One signal's contribution to a score: a stable lower-case id (such as {@code handle-confusable}), its points
 * (negative for signals against impersonation) and a sentence saying concretely what was seen.
 */
public record Reason(String signal, int points, String detail) {

	public Reason {
		Objects.requireNonNull(signal, "signal");
		Objects.requireNonNull(detail, "detail");
	}

}
