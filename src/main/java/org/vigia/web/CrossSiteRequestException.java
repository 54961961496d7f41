package org.vigia.web;

import org.springframework.security.access.AccessDeniedException;

/** A request that would change something, sent by a page of another site. */
class CrossSiteRequestException extends AccessDeniedException {

	CrossSiteRequestException(String message) {
		super(message);
	}

}
