package org.vigia.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests that would change something (POST, PUT, PATCH, DELETE) when the browser says another site made
 * them. This holds whatever credentials come along: a session cookie, or Basic credentials a browser remembered from a
 * prompt and attaches by itself.
 *
 * <p>
 * {@code Sec-Fetch-Site} is set by the browser and cannot be forged by a page, so it decides when present: only
 * {@code same-origin} and {@code none} (typed or bookmarked) pass; {@code same-site} is another origin too (a blog on a
 * sibling subdomain). Browsers without it (before 2023) still send {@code Origin} on every cross-origin write, which
 * must then be Vigía's own (scheme, host and port as Vigía sees them, forward headers applied). Requests with neither
 * header are not a browser's cross-site requests: scripts such as curl send none.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

	private final AccessDeniedHandler denied;

	CrossSiteRequestFilter(AccessDeniedHandler denied) {
		this.denied = denied;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !BrowserRequests.isStateChanging(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (fromAnotherSite(request)) {
			denied.handle(request, response, new CrossSiteRequestException());
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean fromAnotherSite(HttpServletRequest request) {
		var site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			var value = site.trim().toLowerCase(Locale.ROOT);
			return !value.equals("same-origin") && !value.equals("none");
		}
		var origin = request.getHeader("Origin");
		return origin != null && !sameOrigin(origin.trim(), request);
	}

	private static boolean sameOrigin(String origin, HttpServletRequest request) {
		URI uri;
		try {
			uri = new URI(origin);
		}
		catch (URISyntaxException ex) {
			return false;
		}
		// "null" (a sandboxed frame, a data: page) and anything but a bare scheme://host[:port] is another origin.
		if (uri.getScheme() == null || uri.getHost() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
				|| uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
			return false;
		}
		var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		return scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
				&& uri.getHost().equalsIgnoreCase(request.getServerName())
				&& port(scheme, uri.getPort()) == port(request.getScheme().toLowerCase(Locale.ROOT),
						request.getServerPort());
	}

	private static int port(String scheme, int port) {
		if (port > 0) {
			return port;
		}
		return scheme.equals("https") ? 443 : 80;
	}

}
