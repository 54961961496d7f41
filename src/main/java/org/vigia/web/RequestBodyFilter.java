package org.vigia.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import org.vigia.platform.Message;

/**
 * Refuses, before anything reads it, a body that only the registry import may send: a multipart upload or a body
 * larger than {@code vigia.security.max-body-size}. Ahead of every other filter, because some read bodies before the
 * security chain knows who is asking (the servlet container parses a multipart or form body for the first one to ask
 * for a parameter, and the CSRF check asks). The import paths check their own limits, after authentication.
 */
class RequestBodyFilter extends OncePerRequestFilter {

	private final long maxBodyBytes;

	private final RequestMatcher machineFacing;

	private final ProblemAuthenticationHandlers problems;

	RequestBodyFilter(long maxBodyBytes, RequestMatcher machineFacing, ProblemAuthenticationHandlers problems) {
		this.maxBodyBytes = maxBodyBytes;
		this.machineFacing = machineFacing;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return BrowserRequests.isImport(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (BrowserRequests.isMultipart(request)) {
			refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, Message.of("problem.body.multipart"));
			return;
		}
		if (request.getContentLengthLong() > maxBodyBytes) {
			refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, Message.of("problem.body.tooLarge", maxBodyBytes));
			return;
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, Message detail)
			throws IOException {
		if (machineFacing.matches(request)) {
			problems.write(request, response, status, detail);
		}
		else {
			// The container's error page shows the status, not this reason, which only its log keeps.
			response.sendError(status.value(), detail.english());
		}
	}

}
