package org.vigia.web;

import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** What a request says about where it comes from and what it carries, as the security rules need it. */
final class BrowserRequests {

	/** The only paths that take a multipart upload or a body larger than the small limit: the registry imports. */
	static final Set<String> IMPORT_PATHS = Set.of("/api/registry/import", "/registry/import");

	private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

	private BrowserRequests() {
	}

	/** A person opening a page: a browser says so ({@code Sec-Fetch-Mode: navigate}) or asks for HTML. */
	static boolean isNavigation(HttpServletRequest request) {
		if ("navigate".equalsIgnoreCase(request.getHeader("Sec-Fetch-Mode"))) {
			return true;
		}
		var accept = request.getHeader("Accept");
		if (accept == null) {
			return false;
		}
		try {
			return MediaType.parseMediaTypes(accept)
				.stream()
				.anyMatch(type -> "text".equals(type.getType()) && "html".equals(type.getSubtype()));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/** Browsers (and only browsers) send fetch metadata; scripts such as curl do not. */
	static boolean isFromBrowser(HttpServletRequest request) {
		return request.getHeader("Sec-Fetch-Mode") != null || request.getHeader("Sec-Fetch-Site") != null;
	}

	static boolean isMultipart(HttpServletRequest request) {
		var type = request.getContentType();
		return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
	}

	static boolean isStateChanging(HttpServletRequest request) {
		return STATE_CHANGING.contains(request.getMethod());
	}

	static boolean isImport(HttpServletRequest request) {
		return IMPORT_PATHS.contains(path(request));
	}

	/** The path within the application, as the servlet container received it (not decoded or normalised). */
	static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
