package org.vigia.connections;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * The security of the connect flow, ahead of the dashboard's: under /connections/oauth2 only editors (and admins), a
 * signed-in session, the CSRF token on the form that starts it; Spring Security's OAuth 2.0 client sends the editor to
 * the network with a {@code state} kept in the session and PKCE (networks that do not know it ignore its parameters,
 * as OAuth 2.0 requires of unknown ones), and exchanges the code the network sends back, through the guarded platform
 * client ({@link GuardedTokenExchange}). {@link ConnectFlow} takes it from there.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ConnectionsSecurityConfiguration {

	static final String BASE = "/connections/oauth2";

	static final String AUTHORIZATION = BASE + "/authorization";

	/** Where the granted authorization is kept between the code exchange and its completion: the session, briefly. */
	static final OAuth2AuthorizedClientRepository GRANTS = new HttpSessionOAuth2AuthorizedClientRepository();

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 20)
	SecurityFilterChain connectionsFilterChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> clients,
			PlatformHttpClient platformHttp, List<NetworkAuthorization> authorizations) throws Exception {
		var path = PathPatternRequestMatcher.withDefaults();
		http.securityMatcher(path.matcher(BASE + "/**"))
			.authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole("EDITOR", "ADMIN"))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
		var repository = clients.getIfAvailable();
		if (repository != null) {
			var resolver = new DefaultOAuth2AuthorizationRequestResolver(repository, AUTHORIZATION);
			resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
			http.oauth2Client(client -> client.authorizedClientRepository(GRANTS)
				.authorizationCodeGrant(grant -> grant.authorizationRequestResolver(resolver)
					.accessTokenResponseClient(new GuardedTokenExchange(platformHttp, authorizations))));
		}
		return http.build();
	}

}
