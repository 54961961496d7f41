package org.vigia.common;

/** The request is valid but clashes with what exists now; nothing changed. */
public abstract class ConflictException extends VigiaException {

	private static final long serialVersionUID = 1L;

	protected ConflictException(String message) {
		super(message);
	}

	protected ConflictException(String message, String code, Object... arguments) {
		super(message, code, arguments);
	}

	@Override
	public final Category category() {
		return Category.CONFLICT;
	}

}
