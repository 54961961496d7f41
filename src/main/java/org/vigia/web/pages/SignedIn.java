package org.vigia.web.pages;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.vigia.web.SingleSignOnLogin;

/** Every page's header says who is signed in and through what: a password, single sign-on, or an API token. */
@ControllerAdvice(basePackageClasses = SignedIn.class)
class SignedIn {

	private final ObjectProvider<ClientRegistrationRepository> clients;

	SignedIn(ObjectProvider<ClientRegistrationRepository> clients) {
		this.clients = clients;
	}

	/** The single sign-on provider's name, for a person signed in through it. */
	@ModelAttribute("signedInProvider")
	@Nullable String provider(@Nullable Authentication authentication) {
		return authentication instanceof OAuth2AuthenticationToken ? SingleSignOnLogin.providerName(clients.getIfAvailable())
				: null;
	}

	@ModelAttribute("signedInThrough")
	@Nullable String through(@Nullable Authentication authentication) {
		if (authentication == null) {
			return null;
		}
		if (authentication instanceof OAuth2AuthenticationToken) {
			return "sso";
		}
		if (authentication instanceof UsernamePasswordAuthenticationToken) {
			return "password";
		}
		return "token";
	}

}
