package org.vigia.platform.mastodon;

import java.util.Optional;

import org.vigia.platform.adapter.Json;
import org.vigia.platform.http.HttpResult;

/** Mastodon's error answers: {@code {"error": "Record not found"}}, with any status. */
final class MastodonError {

	// Enough to name the problem; the rest of a long message adds nothing to a check's record.
	private static final int MAX_LENGTH = 200;

	private MastodonError() {
	}

	/** The error text of an answer, when the answer is a Mastodon error. */
	static Optional<String> of(HttpResult answer) {
		var text = Json.text(Json.parse(answer.text()), "error");
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		var error = text.strip();
		return Optional.of((error.length() > MAX_LENGTH) ? error.substring(0, MAX_LENGTH) + "…" : error);
	}

}
