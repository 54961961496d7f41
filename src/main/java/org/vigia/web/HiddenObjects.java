package org.vigia.web;

import java.io.IOException;
import java.util.List;
import java.util.function.LongConsumer;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.vigia.common.NotFoundException;
import org.vigia.connections.Connections;
import org.vigia.health.Findings;
import org.vigia.registry.Registry;

/**
 * The objects a request's path names, looked up as the person who sent it (each module answers "not found" for what
 * lies outside the organizations they may see). The security chain refuses a change to someone who may change nothing
 * before any controller looks at the object; when that object is one they may not see (or none at all), the refusal is
 * a "not found" instead, as a read of it would be, so that a 403 tells nothing about another organization's ids.
 */
@Component
class HiddenObjects {

	/** A path that names one object, and how its module looks it up. */
	private record Route(PathPattern pattern, LongConsumer lookUp) {
	}

	private final List<Route> routes;

	HiddenObjects(Registry registry, Findings findings, Connections connections) {
		var parser = PathPatternParser.defaultInstance;
		LongConsumer organization = registry::organization;
		LongConsumer unit = registry::unit;
		LongConsumer account = registry::account;
		LongConsumer finding = findings::get;
		LongConsumer connection = connections::get;
		this.routes = List.of(new Route(parser.parse("/api/organizations/{id}/**"), organization),
				new Route(parser.parse("/registry/organizations/{id}/**"), organization),
				new Route(parser.parse("/api/units/{id}/**"), unit), new Route(parser.parse("/registry/units/{id}/**"), unit),
				new Route(parser.parse("/api/accounts/{id}/**"), account), new Route(parser.parse("/accounts/{id}/**"), account),
				new Route(parser.parse("/api/findings/{id}/**"), finding), new Route(parser.parse("/findings/{id}/**"), finding),
				new Route(parser.parse("/api/connections/{id}/**"), connection),
				new Route(parser.parse("/connections/{id}/**"), connection));
	}

	/**
	 * The "not found" of the object the request's path names, when the person asking may not see it or it does not
	 * exist; null when it names none, or one they may see.
	 */
	@Nullable NotFoundException hidden(HttpServletRequest request) {
		var path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
		for (var route : routes) {
			var match = route.pattern().matchAndExtract(path);
			if (match == null) {
				continue;
			}
			long id;
			try {
				id = Long.parseLong(match.getUriVariables().get("id"));
			}
			catch (NumberFormatException ex) {
				return null; // not an object's id: "/registry/units/new", say
			}
			try {
				route.lookUp().accept(id);
				return null;
			}
			catch (NotFoundException ex) {
				return ex;
			}
		}
		return null;
	}

	/**
	 * Answers a refusal of the security chain as "not found" when the request names an object the person may not see,
	 * and leaves every other refusal (CSRF, a role one lacks about what one may see) to {@code refused}. Without
	 * these look-ups (a web slice has no modules), every refusal is {@code refused}'s.
	 * @param notFound writes the API's problem detail for the "not found"
	 */
	static AccessDeniedHandler deniedHandler(ObjectProvider<HiddenObjects> objects, AccessDeniedHandler refused,
			NotFoundAnswer notFound) {
		return (request, response, exception) -> {
			// Looked up at the first refusal, not when the security chain is built: the modules come after it.
			var lookUps = (exception instanceof AuthorizationDeniedException) ? objects.getIfAvailable() : null;
			var hidden = (lookUps != null) ? lookUps.hidden(request) : null;
			if (hidden == null) {
				refused.handle(request, response, exception);
				return;
			}
			notFound.answer(request, response, hidden);
		};
	}

	/** How a "not found" is answered: a problem detail on the API, the error page on the dashboard. */
	@FunctionalInterface
	interface NotFoundAnswer {

		void answer(HttpServletRequest request, HttpServletResponse response, NotFoundException hidden)
				throws IOException, ServletException;

	}

}
