package org.vigia.discovery;

/** A discovery run that does not exist. */
public class DiscoveryRunNotFoundException extends RuntimeException {

	DiscoveryRunNotFoundException(long id) {
		super("There is no discovery run with id " + id);
	}

}
