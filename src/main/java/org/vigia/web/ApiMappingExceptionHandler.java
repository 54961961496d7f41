package org.vigia.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Problem details for API calls that match no controller method because of their method or content type (a registry
 * import sent as {@code text/plain}, for one), or no address at all: {@link ApiExceptionHandler} answers for API controllers only, and
 * there is no controller yet when the mapping fails. Pages keep the servlet container's error page.
 */
@RestControllerAdvice
class ApiMappingExceptionHandler {

	private final MessageSource messages;

	ApiMappingExceptionHandler(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler({ HttpMediaTypeNotSupportedException.class, HttpRequestMethodNotSupportedException.class,
			HttpMediaTypeNotAcceptableException.class, NoResourceFoundException.class })
	ResponseEntity<ProblemDetail> unmapped(ServletException ex, HttpServletRequest request) throws ServletException {
		if (!SecurityConfiguration.MACHINE_FACING.matches(request) || !(ex instanceof ErrorResponse error)) {
			throw ex;
		}
		var problem = error.getBody();
		// In the caller's language (Accept-Language), as every other problem of the API.
		SpringProblems.translate(problem, ex, messages, LocaleContextHolder.getLocale());
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders()).body(problem);
	}

}
