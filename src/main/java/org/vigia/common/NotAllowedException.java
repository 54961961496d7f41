package org.vigia.common;

import org.springframework.security.access.AccessDeniedException;

/**
 * The person may see the object but not change it (a VIEWER, or a token that may only read): 403, as for any other
 * refusal of the security chain. An object the person may not see answers "not found" instead.
 */
public class NotAllowedException extends AccessDeniedException {

	private static final long serialVersionUID = 1L;

	public NotAllowedException(String message) {
		super(message);
	}

}
