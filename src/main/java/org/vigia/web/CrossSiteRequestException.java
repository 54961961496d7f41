package org.vigia.web;

import org.springframework.security.access.AccessDeniedException;

/** A request that would change something, sent by a page of another site. */
class CrossSiteRequestException extends AccessDeniedException {

	/** The message code of what the caller reads. */
	static final String CODE = "problem.crossSite";

	CrossSiteRequestException() {
		super(org.vigia.platform.Message.of(CODE).english());
	}

}
