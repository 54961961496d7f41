package org.vigia.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vigia.people.ApiTokens;
import org.vigia.people.Role;
import org.vigia.people.Source;

/**
 * Signs in an API call that sends {@code Authorization: Bearer vga_...}: one SHA-256 and one indexed lookup instead of
 * a BCrypt check. A token acts with its owner's roles when it may write, as a viewer when it may only read; an unknown,
 * expired or revoked token, or one whose owner is disabled, is refused with 401. The session is not touched. A token of
 * a user of the configuration works only on nodes whose configuration still has that user, as its password does.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "bearer ";

	private final ApiTokens tokens;

	private final RequestMatcher applies;

	private final AuthenticationEntryPoint refused;

	private final Set<String> configuredUsers;

	private final SignInAudit audit;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	ApiTokenFilter(ApiTokens tokens, RequestMatcher applies, AuthenticationEntryPoint refused,
			Set<String> configuredUsers, SignInAudit audit) {
		this.audit = audit;
		this.tokens = tokens;
		this.applies = applies;
		this.refused = refused;
		this.configuredUsers = Set.copyOf(configuredUsers);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		var header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || !applies.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var secret = request.getHeader(HttpHeaders.AUTHORIZATION).substring(BEARER.length()).strip();
		var bearer = tokens.authenticate(secret)
			.filter(found -> found.source() != Source.ENV
					|| configuredUsers.contains(found.username().toLowerCase(Locale.ROOT)));
		if (bearer.isEmpty()) {
			contexts.clearContext();
			audit.refused(null, request.getRemoteAddr(), "token", "unknown, expired or revoked token");
			refused.commence(request, response, new BadCredentialsException("Unknown, expired or revoked token"));
			return;
		}
		var authorities = new ArrayList<GrantedAuthority>();
		var found = bearer.get();
		audit.succeeded(found.username(), request.getRemoteAddr(), "token");
		if (found.writes()) {
			found.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
		}
		else if (!found.roles().isEmpty()) {
			authorities.add(new SimpleGrantedAuthority("ROLE_" + Role.VIEWER.name()));
		}
		var context = contexts.createEmptyContext();
		context.setAuthentication(new ApiTokenAuthentication(found, authorities));
		contexts.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			contexts.clearContext();
		}
	}

}
