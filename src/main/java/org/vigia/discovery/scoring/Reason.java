package org.vigia.discovery.scoring;

import java.util.Objects;

import org.vigia.platform.Message;

/**
 * One signal's contribution to a score: a stable lower-case id (such as {@code handle-confusable}), its points
 * (negative for signals against impersonation) and a sentence saying concretely what was seen: a stored
 * {@link Message}, written in the reader's language when shown (evidence written before messages keeps its English).
 */
public record Reason(String signal, int points, String detail) {

	public Reason {
		Objects.requireNonNull(signal, "signal");
		Objects.requireNonNull(detail, "detail");
	}

	static Reason of(String signal, int points, String code, Object... arguments) {
		return new Reason(signal, points, Message.of(code, arguments).encode());
	}

	/** What was seen, in English: for the log, the benchmarks and the tests. */
	public String english() {
		var message = Message.decode(detail);
		return (message == null) ? detail : message.english();
	}

}
