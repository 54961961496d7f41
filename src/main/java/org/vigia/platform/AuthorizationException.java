package org.vigia.platform;

import org.jspecify.annotations.Nullable;

/**
 * A network's authorization (connecting, refreshing or revoking a token) that failed: its sentence is what the
 * connection's page says, in the reader's language, and its English form is the exception's message, for the log.
 */
public class AuthorizationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final transient Message sentence;

	public AuthorizationException(Message sentence) {
		this(sentence, null);
	}

	public AuthorizationException(Message sentence, @Nullable Throwable cause) {
		super(sentence.english(), cause);
		this.sentence = sentence;
	}

	/** What went wrong, as a message code and its arguments. */
	public Message sentence() {
		return sentence;
	}

}
