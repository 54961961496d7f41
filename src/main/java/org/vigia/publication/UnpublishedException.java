package org.vigia.publication;

/** No organization publishes a directory under this slug (whether one exists that does not, is not told). */
class UnpublishedException extends RuntimeException {

	UnpublishedException(String slug) {
		super("No published directory named '" + slug + "'");
	}

}
