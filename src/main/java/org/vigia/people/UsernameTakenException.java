package org.vigia.people;

import org.vigia.common.ConflictException;

/** Another person already has this user name (compared without case). */
public class UsernameTakenException extends ConflictException {

	private static final long serialVersionUID = 1L;

	UsernameTakenException(String username) {
		super("The user name '" + username + "' is taken", "problem.usernameTaken", username);
	}

}
