package org.vigia.platform.bluesky;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.CheckOutcome;
import org.vigia.platform.adapter.Json;
import org.vigia.platform.http.HttpResult;

/**
 * An XRPC error answer: {@code {"error": "AccountTakedown", "message": "Account has been suspended"}}.
 * @param error the error name, such as InvalidRequest or AccountDeactivated
 * @param message the human-readable detail, if any
 */
record BlueskyError(String error, @Nullable String message) {

	// Enough to name the problem; the rest of a long message adds nothing to a check's record.
	private static final int MAX_LENGTH = 200;

	/** The error in an answer, when the answer is an XRPC error. */
	static Optional<BlueskyError> of(HttpResult answer) {
		var body = Json.parse(answer.text());
		var error = Json.text(body, "error");
		if (error == null || error.isBlank()) {
			return Optional.empty();
		}
		var message = Json.text(body, "message");
		return Optional.of(new BlueskyError(shorten(error), (message == null) ? null : shorten(message)));
	}

	boolean is(String name) {
		return error.equals(name);
	}

	/** Whether the AppView says it knows no such account (which it reports as an invalid request). */
	boolean isProfileNotFound() {
		return is("InvalidRequest") && message != null && message.strip().equalsIgnoreCase("Profile not found");
	}

	/** What the error says of the account: NOT_FOUND, SUSPENDED or DEACTIVATED, or null when it says nothing. */
	@Nullable CheckOutcome gone() {
		if (isProfileNotFound()) {
			return CheckOutcome.NOT_FOUND;
		}
		if (is("AccountTakedown")) {
			return CheckOutcome.SUSPENDED;
		}
		if (is("AccountDeactivated")) {
			return CheckOutcome.DEACTIVATED;
		}
		return null;
	}

	@Override
	public String toString() {
		return (message == null || message.isBlank()) ? error : error + ": " + message;
	}

	private static String shorten(String text) {
		var stripped = text.strip();
		return (stripped.length() > MAX_LENGTH) ? stripped.substring(0, MAX_LENGTH) + "…" : stripped;
	}

}
