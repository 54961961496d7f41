package org.vigia.web.pages;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page's header says who is signed in and through what: a password, single sign-on, or an API token. */
@ControllerAdvice(basePackageClasses = SignedIn.class)
class SignedIn {

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
