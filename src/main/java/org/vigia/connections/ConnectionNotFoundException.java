package org.vigia.connections;

import org.vigia.common.NotFoundException;

/** A connection that does not exist. */
public class ConnectionNotFoundException extends NotFoundException {

	private static final long serialVersionUID = 1L;

	ConnectionNotFoundException(long id) {
		super("There is no connection with id " + id, "problem.noConnection", String.valueOf(id));
	}

}
