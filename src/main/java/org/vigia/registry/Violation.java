package org.vigia.registry;

import org.vigia.platform.Message;

/**
 * One thing wrong with what a user sent: the field (CSV column or JSON property) and what was expected, as a message
 * written in the reader's language when shown.
 */
public record Violation(String field, Message said) {

	public static Violation of(String field, String code, Object... arguments) {
		return new Violation(field, Message.of(code, arguments));
	}

	/** What was expected, in English: for the log and an exception's message. */
	public String message() {
		return said.english();
	}

}
