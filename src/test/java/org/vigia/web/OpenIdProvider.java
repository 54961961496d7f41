package org.vigia.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * An OpenID provider in the test's own process: Spring Authorization Server on a random port, with one client
 * ({@value #CLIENT_ID}, redirected to Vigía at {@value #REDIRECT_URI}) and one person, {@value #USERNAME}, whose
 * {@code groups} claim the test sets. {@link #signIn} plays the browser at the provider: it opens the authorization
 * address Vigía sent, signs in on the provider's form, and answers the address the provider sends the browser back to.
 */
final class OpenIdProvider {

	static final String CLIENT_ID = "vigia";

	static final String CLIENT_SECRET = "vigia-client-secret";

	/** MockMvc's requests go to 127.0.0.1 (the provider refuses "localhost" in redirect addresses, per OAuth 2.1). */
	static final String REDIRECT_URI = "http://127.0.0.1/login/oauth2/code/sso";

	static final String USERNAME = "ana";

	static final String PASSWORD = "ana-provider-password";

	/** The groups the provider puts in the next ID token. */
	static final AtomicReference<List<String>> GROUPS = new AtomicReference<>(List.of());

	private static ConfigurableApplicationContext context;

	private OpenIdProvider() {
	}

	/** Starts the provider once for the test run; answers its issuer. */
	static synchronized String issuer() {
		if (context == null) {
			context = new SpringApplicationBuilder(Provider.class)
				.properties("server.port=0", "spring.config.name=openid-provider", "spring.main.banner-mode=off",
						"spring.jmx.enabled=false")
				.run();
		}
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return "http://localhost:" + port;
	}

	/**
	 * Signs {@link #USERNAME} in at the provider, starting at the authorization address; answers the address the
	 * provider redirects the browser to (Vigía's, with the code and the state).
	 */
	static URI signIn(String authorizationUri) throws Exception {
		var http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		var toLogin = http.send(HttpRequest.newBuilder(URI.create(authorizationUri)).build(),
				HttpResponse.BodyHandlers.discarding());
		var loginPage = URI.create(authorizationUri).resolve(location(toLogin));
		var form = http.send(HttpRequest.newBuilder(loginPage).build(), HttpResponse.BodyHandlers.ofString()).body();
		var csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF token on the provider's login page: " + form);
		}
		var body = "username=" + USERNAME + "&password=" + PASSWORD + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		var signedIn = http.send(HttpRequest.newBuilder(loginPage)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.discarding());
		var back = http.send(HttpRequest.newBuilder(loginPage.resolve(location(signedIn))).build(),
				HttpResponse.BodyHandlers.discarding());
		return URI.create(location(back));
	}

	private static String location(HttpResponse<?> response) {
		return response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new IllegalStateException(
					"The provider answered " + response.statusCode() + " to " + response.uri() + ", not a redirect"));
	}

	/** A test configuration, so that the application's component scan leaves it alone. */
	@TestConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
			SecurityFilterAutoConfiguration.class })
	static class Provider {

		@Bean
		@Order(1)
		SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
			http.oauth2AuthorizationServer(server -> {
				http.securityMatcher(server.getEndpointsMatcher());
				server.oidc(Customizer.withDefaults());
			})
				.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
			return http.build();
		}

		@Bean
		@Order(2)
		SecurityFilterChain signIn(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.formLogin(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(
					User.withUsername(USERNAME).password("{noop}" + PASSWORD).roles("USER").build());
		}

		@Bean
		RegisteredClientRepository clients() {
			return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(CLIENT_ID)
				.clientSecret("{noop}" + CLIENT_SECRET)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(REDIRECT_URI)
				.scope(OidcScopes.OPENID)
				.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
				.build());
		}

		@Bean
		OAuth2TokenCustomizer<JwtEncodingContext> claims() {
			return context -> {
				if ("id_token".equals(context.getTokenType().getValue())) {
					context.getClaims()
						.claim("groups", GROUPS.get())
						.claim("preferred_username", "ana.garcia")
						.claim("name", "Ana García")
						.claim("email", "ana.garcia@example.org");
				}
			};
		}

		@Bean
		JWKSource<SecurityContext> keys() throws Exception {
			var generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			var pair = generator.generateKeyPair();
			var key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}

		/** The provider's user info endpoint checks its own access tokens. */
		@Bean
		JwtDecoder accessTokens(JWKSource<SecurityContext> keys) {
			return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
		}

		@Bean
		AuthorizationServerSettings settings() {
			return AuthorizationServerSettings.builder().build();
		}

	}

}
