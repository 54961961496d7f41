package org.vigia.common;

/** What was asked for does not exist. */
public abstract class NotFoundException extends VigiaException {

	private static final long serialVersionUID = 1L;

	protected NotFoundException(String message) {
		super(message);
	}

	protected NotFoundException(String message, String code, Object... arguments) {
		super(message, code, arguments);
	}

	@Override
	public final Category category() {
		return Category.NOT_FOUND;
	}

}
