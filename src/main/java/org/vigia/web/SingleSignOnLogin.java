package org.vigia.web;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.vigia.common.Audited;
import org.vigia.people.InvalidPersonException;
import org.vigia.people.SingleSignOn;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Single sign-on with OpenID Connect through the {@code sso} registration of Spring Security's OAuth 2.0 client (the
 * networks' registrations, used to connect accounts, never sign anyone in): {@code /oauth2/authorization/sso} sends the
 * person to the provider, {@code /login/oauth2/code/sso} takes it back; {@link SingleSignOn} finds or creates the
 * person and maps its grants, and the session's roles are its grants. Every sign-in and refusal goes to the audit trail.
 */
public final class SingleSignOnLogin {

	/** The registration id of single sign-on. */
	static final String REGISTRATION = "sso";

	private static final Logger log = LoggerFactory.getLogger("org.vigia.login");

	private SingleSignOnLogin() {
	}

	/** The single sign-on registration, if the configuration has one. */
	static @Nullable ClientRegistration registration(@Nullable ClientRegistrationRepository clients) {
		return clients == null ? null : clients.findByRegistrationId(REGISTRATION);
	}

	/**
	 * Adds the sign-in through the provider to the dashboard's security; answers the check of the provider's answer,
	 * for the dashboard's authentication manager (which, being set explicitly, gets no provider from the configurer).
	 */
	static AuthenticationProvider configure(HttpSecurity http, ClientRegistrationRepository clients, SingleSignOn people,
			ApplicationEventPublisher events) throws Exception {
		var users = new People(people);
		var provider = name(registration(clients));
		var success = new SavedRequestAwareAuthenticationSuccessHandler();
		AuthenticationSuccessHandler audited = (request, response, authentication) -> {
			events.publishEvent(new Audited("signin.succeeded", "user", null, null, null,
					Map.of("through", "sso", "provider", provider), authentication.getName(), request.getRemoteAddr()));
			log.info("Login of user '{}' from {} through single sign-on", authentication.getName(), request.getRemoteAddr());
			success.onAuthenticationSuccess(request, response, authentication);
		};
		var failure = new SimpleUrlAuthenticationFailureHandler("/login?ssoError");
		AuthenticationFailureHandler refused = (request, response, exception) -> {
			var reason = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
					: exception.getClass().getSimpleName();
			log.warn("Single sign-on refused from {}: {}", request.getRemoteAddr(), exception.getMessage());
			events.publishEvent(new Audited("signin.refused", "user", null, null, null,
					Map.of("through", "sso", "provider", provider, "reason", reason), null, request.getRemoteAddr()));
			failure.onAuthenticationFailure(request, response, exception);
		};
		http.oauth2Login(login -> login.loginPage("/login")
			.loginProcessingUrl("/login/oauth2/code/" + REGISTRATION)
			.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(onlySignIn(clients)))
			.userInfoEndpoint(info -> info.oidcUserService(users).userService(SingleSignOnLogin::notOpenIdConnect))
			.successHandler(audited)
			.failureHandler(refused));
		var check = new OidcAuthorizationCodeAuthenticationProvider(new RestClientAuthorizationCodeTokenResponseClient(),
				users);
		check.setAuthoritiesMapper(authorities -> authorities);
		return check;
	}

	/** The provider's name for the login button and the header, or null when single sign-on is not configured. */
	public static @Nullable String providerName(@Nullable ClientRegistrationRepository clients) {
		var registration = registration(clients);
		return registration == null ? null : name(registration);
	}

	/** The provider's name: the registration's client name, unless it is only the registration id. */
	static String name(@Nullable ClientRegistration registration) {
		if (registration == null) {
			return REGISTRATION;
		}
		var name = registration.getClientName();
		return name == null || name.isBlank() || name.equals(registration.getRegistrationId()) ? "OpenID Connect" : name;
	}

	/** Only single sign-on starts here: the networks' registrations sign nobody in. */
	private static OAuth2AuthorizationRequestResolver onlySignIn(ClientRegistrationRepository clients) {
		var resolver = new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
		return new OAuth2AuthorizationRequestResolver() {

			@Override
			public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
				return onlySso(resolver.resolve(request));
			}

			@Override
			public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
				return REGISTRATION.equals(registrationId) ? resolver.resolve(request, registrationId) : null;
			}

			private @Nullable OAuth2AuthorizationRequest onlySso(@Nullable OAuth2AuthorizationRequest authorization) {
				return authorization != null
						&& REGISTRATION.equals(authorization.getAttribute(OAuth2ParameterNames.REGISTRATION_ID))
						? authorization : null;
			}

		};
	}

	/** A registration without OpenID Connect (a network's) signs nobody in. */
	private static OAuth2User notOpenIdConnect(Object request) {
		throw new OAuth2AuthenticationException(new OAuth2Error("invalid_request"), "Not a single sign-on registration");
	}

	/** The provider's person as Vigía's: its user name, and its grants as roles. */
	private static final class People implements OAuth2UserService<OidcUserRequest, OidcUser> {

		private final OidcUserService delegate = new OidcUserService();

		private final SingleSignOn people;

		People(SingleSignOn people) {
			this.people = people;
		}

		@Override
		public OidcUser loadUser(OidcUserRequest request) {
			if (!REGISTRATION.equals(request.getClientRegistration().getRegistrationId())) {
				throw new OAuth2AuthenticationException(new OAuth2Error("invalid_request"),
						"Not a single sign-on registration");
			}
			var user = delegate.loadUser(request);
			var issuer = user.getIdToken().getIssuer() == null ? request.getClientRegistration()
				.getProviderDetails()
				.getIssuerUri() : user.getIdToken().getIssuer().toString();
			org.vigia.people.Person person;
			try {
				person = people.signedIn(new SingleSignOn.Identity(String.valueOf(issuer), user.getSubject(),
						user.getClaims(), null));
			}
			catch (InvalidPersonException ex) {
				throw new OAuth2AuthenticationException(new OAuth2Error("access_denied", ex.getMessage(), null),
						ex.getMessage(), ex);
			}
			if (!person.enabled()) {
				throw new OAuth2AuthenticationException(new OAuth2Error("access_denied", "disabled", null),
						"The user " + person.username() + " is disabled");
			}
			var authorities = person.grants()
				.stream()
				.map(grant -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + grant.role().name()))
				.distinct()
				.toList();
			return new SignedInUser(authorities, user.getIdToken(), user.getUserInfo(), person.username());
		}

	}

	/** An OpenID Connect user named as in Vigía (the audit trail and grants know that name, not the subject). */
	static final class SignedInUser extends DefaultOidcUser {

		private static final long serialVersionUID = 1L;

		private final String username;

		SignedInUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken,
				@Nullable OidcUserInfo userInfo, String username) {
			super(authorities, idToken, userInfo);
			this.username = username;
		}

		@Override
		public String getName() {
			return username;
		}

	}

}
