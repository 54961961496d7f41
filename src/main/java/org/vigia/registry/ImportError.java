package org.vigia.registry;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Message;

/**
 * One problem in a registry CSV: the line as an editor counts it (the header is line 1), the column (null when the
 * problem is the whole line), and what was expected, as a message code and its arguments (the offending value, the
 * network, the counts), so that the report is written in the reader's language.
 */
public record ImportError(int line, @Nullable String column, Message sentence) {

	/** The code of what is wrong, stable for scripts ({@code import.*}, {@code input.*} or {@code handle.*}). */
	public String code() {
		return sentence.code();
	}

	/** What is wrong, in English (the log's and the API's default language). */
	public String message() {
		return sentence.english();
	}

}
