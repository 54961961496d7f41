package org.vigia.discovery.scoring;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** A candidate's verdict with the score behind it and, for an unregistered official account, why it proves control. */
public record Classification(Verdict verdict, Score score, @Nullable String proof) {

	public Classification {
		Objects.requireNonNull(verdict, "verdict");
		Objects.requireNonNull(score, "score");
	}

}
