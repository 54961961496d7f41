package org.vigia.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Answers unauthenticated (401), throttled (429) and forbidden (403) API calls as problem details. Only scripts get the
 * Basic challenge: a browser that got one would show its password prompt and then attach what was typed to every later
 * request, those that other sites make it send included.
 */
@Component
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	ProblemAuthenticationHandlers(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof LoginThrottledException throttled) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
			write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins for this user name or from "
					+ "this address; try again in " + throttled.retryAfterSeconds() + " seconds");
			return;
		}
		if (!BrowserRequests.isFromBrowser(request)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Vigia\", charset=\"UTF-8\"");
		}
		write(request, response, HttpStatus.UNAUTHORIZED,
				"Authentication is required: use HTTP Basic from a script, or log in at /login");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		String detail;
		if (exception instanceof CrossSiteRequestException) {
			detail = exception.getMessage();
		}
		else if (exception instanceof CsrfException) {
			detail = "A CSRF token is required: the request carries a session cookie, so send the session's token "
					+ "(header X-CSRF-TOKEN or field _csrf), or call the API with Basic and without the cookie";
		}
		else {
			detail = "Your role does not allow this: reading needs VIEWER, changing needs EDITOR, operating needs ADMIN";
		}
		write(request, response, HttpStatus.FORBIDDEN, detail);
	}

	/** A "not found" the security chain answers (see {@link HiddenObjects}), as the API answers one of its own. */
	void notFound(HttpServletRequest request, HttpServletResponse response, org.vigia.common.NotFoundException notFound)
			throws IOException {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, String.valueOf(notFound.getMessage()));
		problem.setTitle("Not found");
		if (notFound.code() != null) {
			problem.setProperty("code", notFound.code());
		}
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.NOT_FOUND.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
