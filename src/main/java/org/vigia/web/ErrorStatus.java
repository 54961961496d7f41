package org.vigia.web;

import org.springframework.http.HttpStatus;
import org.vigia.common.VigiaException;

/** The HTTP status of each category of error, one table for the API and the pages alike. */
public final class ErrorStatus {

	private ErrorStatus() {
	}

	public static HttpStatus of(VigiaException.Category category) {
		return switch (category) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case INVALID -> HttpStatus.BAD_REQUEST;
			case CONFLICT -> HttpStatus.CONFLICT;
			case REJECTED -> HttpStatus.UNPROCESSABLE_CONTENT;
		};
	}

}
