package org.vigia.web;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.vigia.people.ApiTokens;

/** A request signed in with an API token: its owner's name, and roles the token's scopes allow. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final ApiTokens.Bearer bearer;

	ApiTokenAuthentication(ApiTokens.Bearer bearer, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.bearer = bearer;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return bearer.username();
	}

	@Override
	public String getName() {
		return bearer.username();
	}

	/** The token's id, owner and scopes. */
	ApiTokens.Bearer bearer() {
		return bearer;
	}

}
