package org.vigia.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
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
import org.springframework.web.servlet.LocaleResolver;

import tools.jackson.databind.json.JsonMapper;

import org.vigia.platform.Message;

/**
 * Answers unauthenticated (401), throttled (429) and forbidden (403) API calls as problem details. Only scripts get the
 * Basic challenge: a browser that got one would show its password prompt and then attach what was typed to every later
 * request, those that other sites make it send included.
 */
@Component
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	private final MessageSource messages;

	private final ObjectProvider<LocaleResolver> locales;

	ProblemAuthenticationHandlers(JsonMapper json, MessageSource messages, ObjectProvider<LocaleResolver> locales) {
		this.json = json;
		this.messages = messages;
		this.locales = locales;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof LoginThrottledException throttled) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
			write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					Message.of("problem.auth.throttled", throttled.retryAfterSeconds()));
			return;
		}
		if (!BrowserRequests.isFromBrowser(request)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Vigia\", charset=\"UTF-8\"");
		}
		write(request, response, HttpStatus.UNAUTHORIZED, Message.of("problem.auth.required"));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		Message detail;
		if (exception instanceof CrossSiteRequestException) {
			detail = Message.of(CrossSiteRequestException.CODE);
		}
		else if (exception instanceof CsrfException) {
			detail = Message.of("problem.auth.csrf");
		}
		else {
			detail = Message.of("problem.auth.role");
		}
		write(request, response, HttpStatus.FORBIDDEN, detail);
	}

	/**
	 * A "not found" the security chain answers (see {@link HiddenObjects}), as the API answers one of its own, in the
	 * caller's language.
	 */
	void notFound(HttpServletRequest request, HttpServletResponse response, org.vigia.common.NotFoundException notFound)
			throws IOException {
		var detail = (notFound.code() != null) ? Message.of(notFound.code(), notFound.arguments())
				: Message.of("problem.status.404", request.getRequestURI());
		write(request, response, HttpStatus.NOT_FOUND, detail);
	}

	/**
	 * A problem detail in the caller's language: these answers are written before any controller, so the locale is
	 * resolved here as the pages resolve it (their cookie, then {@code Accept-Language}, English by default).
	 */
	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, Message detail)
			throws IOException {
		var resolver = locales.getIfAvailable();
		var locale = (resolver != null) ? resolver.resolveLocale(request) : Locale.ENGLISH;
		var problem = ProblemDetail.forStatusAndDetail(status, detail.render(messages, locale));
		problem.setTitle(messages.getMessage("problem.title.status." + status.value(), null, status.getReasonPhrase(),
				locale));
		problem.setProperty("code", detail.code());
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
