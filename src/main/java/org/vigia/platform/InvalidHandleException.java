package org.vigia.platform;

/**
 * A handle or URL that does not name an account on the platform; the message names the input and the expected form.
 * It is also kept as a message code and its arguments ({@link #sentence()}), so that the registry's import report
 * and the API say it in the reader's language; {@link #getMessage()} is its English form, for the log.
 */
public class InvalidHandleException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient Message sentence;

	public InvalidHandleException(Message sentence) {
		super(sentence.english());
		this.sentence = sentence;
	}

	/** What is wrong, as a message code and its arguments. */
	public Message sentence() {
		return sentence;
	}

}
