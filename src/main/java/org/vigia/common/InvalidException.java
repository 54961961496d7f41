package org.vigia.common;

/** The request names or carries something invalid; nothing changed. */
public abstract class InvalidException extends VigiaException {

	private static final long serialVersionUID = 1L;

	protected InvalidException(String message) {
		super(message);
	}

	protected InvalidException(String message, String code, Object... arguments) {
		super(message, code, arguments);
	}

	@Override
	public final Category category() {
		return Category.INVALID;
	}

}
