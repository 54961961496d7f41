package org.vigia.common;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An error a user caused or can act on, grouped by what it means, so that the API and the pages answer each category
 * alike whatever module raised it. Anything else is a fault of Vigía's.
 */
public abstract class VigiaException extends RuntimeException {

	/** What the error means to whoever asked. */
	public enum Category {

		/** What was asked for does not exist. */
		NOT_FOUND,
		/** The request names or carries something invalid; nothing changed. */
		INVALID,
		/** The request is valid but clashes with what exists now; nothing changed. */
		CONFLICT,
		/** A whole document (a registry file) was read and refused for the errors it lists; nothing changed. */
		REJECTED

	}

	private static final long serialVersionUID = 1L;

	private final @Nullable String code;

	private final Object[] arguments;

	protected VigiaException(String message) {
		this(message, null);
	}

	/**
	 * An error whose message is also kept as a message code and its arguments, so that the API says it in the
	 * caller's language ({@code Accept-Language}); the message is the English fallback and what the log shows.
	 */
	protected VigiaException(String message, @Nullable String code, Object... arguments) {
		super(message);
		this.code = code;
		this.arguments = arguments.clone();
	}

	/** The message code of the detail, stable for scripts; null for an error that has none yet. */
	public @Nullable String code() {
		return code;
	}

	/** The arguments of {@link #code()}. */
	public Object[] arguments() {
		return arguments.clone();
	}

	public abstract Category category();

	/** A short, general title for the error; the message says what exactly went wrong. */
	public String title() {
		return switch (category()) {
			case NOT_FOUND -> "Not found";
			case INVALID -> "Invalid input";
			case CONFLICT -> "Conflict";
			case REJECTED -> "Rejected";
		};
	}

	/**
	 * The message code of a {@link #title()} of the error's own, for the caller's language; null when the title is
	 * its category's, or the exception's class names it ({@code problem.title.<class>}).
	 */
	public @Nullable String titleCode() {
		return null;
	}

	/** What a client needs to act on the error (which fields, which ids), by name; none by default. */
	public Map<String, Object> details() {
		return Map.of();
	}

}
