package org.vigia.people;

import java.util.ArrayList;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.vigia.common.Reach;
import org.vigia.common.Visibility;

/**
 * The one place that says which organizations the person behind the current request may see and change: their
 * grants as kept now (a change applies at the next request, without signing in again), read once per request, and
 * limited by how they signed in (a token that may only read carries only {@code ROLE_VIEWER}, so it changes nothing).
 * A user the database does not know (the configuration's users where there is no database) keeps the global role of
 * its authorities. Outside a request, or on the public pages, nothing is restricted.
 */
@Component
public class Accesses implements Visibility {

	private static final String KEY = Accesses.class.getName();

	private static final Set<String> WRITING = Set.of("ROLE_EDITOR", "ROLE_ADMIN");

	private final JdbcClient jdbc;

	Accesses(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What the person behind the current request may do. */
	public Access current() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return Access.EVERYTHING;
		}
		var request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return of(authentication);
		}
		if (request.getAttribute(KEY, RequestAttributes.SCOPE_REQUEST) instanceof Cached cached
				&& cached.authentication() == authentication) {
			return cached.access();
		}
		var access = of(authentication);
		request.setAttribute(KEY, new Cached(authentication, access), RequestAttributes.SCOPE_REQUEST);
		return access;
	}

	@Override
	public Reach seen() {
		return current().seen();
	}

	@Override
	public Reach edited() {
		return current().edited();
	}

	/** What this signed-in person may do. */
	Access of(Authentication authentication) {
		var authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		boolean writes = authorities.stream().anyMatch(WRITING::contains);
		var found = jdbc.sql("""
				select u.enabled, g.role, g.organization_id
				from users u left join grants g on g.user_id = u.id
				where lower(u.username) = lower(:username)
				""")
			.param("username", authentication.getName())
			.query((rs, n) -> new Row(rs.getBoolean("enabled"), rs.getString("role"),
					rs.getObject("organization_id", Long.class)))
			.list();
		if (found.isEmpty()) {
			var grants = authorities.stream()
				.filter(authority -> authority.startsWith("ROLE_"))
				.map(authority -> authority.substring("ROLE_".length()))
				.filter(role -> Set.of("VIEWER", "EDITOR", "ADMIN").contains(role))
				.map(role -> Grant.global(Role.valueOf(role)))
				.toList();
			return Access.of(grants, writes);
		}
		if (!found.getFirst().enabled()) {
			return Access.NOTHING;
		}
		var grants = new ArrayList<Grant>();
		for (var row : found) {
			if (row.role() != null) {
				grants.add(new Grant(Role.valueOf(row.role()), row.organizationId()));
			}
		}
		return Access.of(grants, writes);
	}

	private record Row(boolean enabled, @org.jspecify.annotations.Nullable String role,
			@org.jspecify.annotations.Nullable Long organizationId) {
	}

	private record Cached(Authentication authentication, Access access) {
	}

}
