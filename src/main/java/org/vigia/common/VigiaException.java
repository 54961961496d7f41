package org.vigia.common;

import java.util.Map;

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

	protected VigiaException(String message) {
		super(message);
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

	/** What a client needs to act on the error (which fields, which ids), by name; none by default. */
	public Map<String, Object> details() {
		return Map.of();
	}

}
