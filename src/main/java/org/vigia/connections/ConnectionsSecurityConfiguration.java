package org.vigia.connections;

import java.util.LinkedHashMap;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.vigia.platform.NetworkAuthorization;
import org.vigia.platform.http.PlatformHttpClient;

/**
 * The security of the connect flow, ahead of the dashboard's: under /connections/oauth2 only editors (and admins), a
 * signed-in session, the CSRF token on the form that starts it; Spring Security's OAuth 2.0 client sends the editor to
 * the network with a {@code state} kept in the session and PKCE (networks that do not know it ignore its parameters,
 * as OAuth 2.0 requires of unknown ones), and exchanges the code the network sends back. A network that departs from
 * OAuth 2.0 in either step adjusts it through its {@link NetworkAuthorization}; the code is exchanged through the
 * guarded platform client ({@link GuardedTokenExchange}). {@link ConnectFlow} takes it from there.
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
			ObjectProvider<NetworkAuthorization> networks, PlatformHttpClient platformHttp) throws Exception {
		var path = PathPatternRequestMatcher.withDefaults();
		http.securityMatcher(path.matcher(BASE + "/**"))
			.authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole("EDITOR", "ADMIN"))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
		var repository = clients.getIfAvailable();
		if (repository != null) {
			var resolver = new DefaultOAuth2AuthorizationRequestResolver(repository, AUTHORIZATION);
			resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()
				.andThen(request -> request.attributes(attributes -> {
					var network = network(networks, attributes.get(OAuth2ParameterNames.REGISTRATION_ID));
					if (network != null) {
						request.parameters(network::authorizationParameters);
					}
				})));
			// The code exchange goes through the guarded platform client, with each network's own parameters.
			var exchange = new GuardedTokenExchange(platformHttp, networks.orderedStream().toList(),
					grant -> tokenParameters(networks, grant));
			http.oauth2Client(client -> client.authorizedClientRepository(GRANTS)
				.authorizationCodeGrant(grant -> grant.authorizationRequestResolver(resolver)
					.accessTokenResponseClient(exchange)));
		}
		return http.build();
	}

	/**
	 * Spring Security's client for token endpoints, except that an answer without {@code token_type} is a bearer
	 * token: LinkedIn leaves the field out, and OAuth 2.0 clients of it read it so.
	 */
	private static @Nullable NetworkAuthorization network(ObjectProvider<NetworkAuthorization> networks,
			@Nullable Object registrationId) {
		return networks.orderedStream()
			.filter(network -> network.registrationId().equals(registrationId))
			.findFirst()
			.orElse(null);
	}

	private static MultiValueMap<String, String> tokenParameters(ObjectProvider<NetworkAuthorization> networks,
			OAuth2AuthorizationCodeGrantRequest grant) {
		var parameters = new LinkedMultiValueMap<String, String>();
		var registration = grant.getClientRegistration();
		var network = network(networks, registration.getRegistrationId());
		if (network != null) {
			network.tokenParameters(registration.getClientId()).forEach(parameters::add);
		}
		return parameters;
	}

}
