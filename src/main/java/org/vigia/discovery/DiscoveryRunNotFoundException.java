package org.vigia.discovery;

import org.vigia.common.NotFoundException;

/** A discovery run that does not exist. */
public class DiscoveryRunNotFoundException extends NotFoundException {

	DiscoveryRunNotFoundException(long id) {
		super("There is no discovery run with id " + id, "problem.noDiscoveryRun", String.valueOf(id));
	}

}
