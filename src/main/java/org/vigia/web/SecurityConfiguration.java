package org.vigia.web;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.util.StringUtils;

/**
 * Authentication on everything but health checks: HTTP Basic for scripts, form login for people; reads need VIEWER,
 * writes EDITOR, operating the service ADMIN.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/** The admin's password when it was generated, until it is printed with the address to open. */
	private final AtomicReference<@Nullable String> generatedAdminPassword = new AtomicReference<>();

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemAuthenticationHandlers problems)
			throws Exception {
		var path = PathPatternRequestMatcher.withDefaults();
		var machineFacing = new OrRequestMatcher(path.matcher("/api/**"), path.matcher("/actuator/**"),
				path.matcher("/v3/api-docs/**"));
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.GET, "/api/**")
			.hasRole("VIEWER")
			.requestMatchers("/api/**")
			.hasRole("EDITOR")
			.requestMatchers("/login", "/error", "/favicon.ico", "/css/**")
			.permitAll()
			// The dashboard's forms change things: editors only, as on the API.
			.requestMatchers(HttpMethod.POST, "/findings/**", "/accounts/**", "/registry/**", "/runs/**")
			.hasRole("EDITOR")
			.anyRequest()
			.hasRole("VIEWER"))
			// The dashboard shows text from platforms: a strict policy makes any markup that slipped through inert.
			.headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
					new NegatedRequestMatcher(new OrRequestMatcher(machineFacing, path.matcher("/swagger-ui/**"))),
					new ContentSecurityPolicyHeaderWriter("default-src 'self'; img-src 'self' https:; script-src 'self'; "
							+ "style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
							+ "frame-ancestors 'none'"))))
			.httpBasic(basic -> basic.authenticationEntryPoint(problems))
			.formLogin(form -> form.loginPage("/login").permitAll())
			.logout(Customizer.withDefaults())
			// A forged cross-site request rides on a session cookie: API calls that bring credentials in a header
			// (which no other site can make a browser send) or that have no session need no CSRF token.
			.csrf(csrf -> csrf.ignoringRequestMatchers(request -> machineFacing.matches(request)
					&& (request.getHeader("Authorization") != null || request.getRequestedSessionId() == null)))
			.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(problems, machineFacing)
				.defaultAccessDeniedHandlerFor(problems, machineFacing));
		return http.build();
	}

	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role("ADMIN")
			.implies("EDITOR")
			.role("EDITOR")
			.implies("VIEWER")
			.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	InMemoryUserDetailsManager users(SecurityProperties properties, PasswordEncoder encoder) {
		var users = new ArrayList<UserDetails>();
		var adminPassword = properties.adminPassword();
		if (!StringUtils.hasText(adminPassword)) {
			var bytes = new byte[18];
			new SecureRandom().nextBytes(bytes);
			adminPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			generatedAdminPassword.set(adminPassword);
		}
		users.add(user("admin", adminPassword, SecurityProperties.Role.ADMIN, encoder));
		for (var user : properties.users()) {
			if (user.name().equals("admin")) {
				throw new IllegalStateException(
						"vigia.security.users must not redefine 'admin'; set vigia.security.admin-password instead");
			}
			users.add(user(user.name(), user.password(), user.role(), encoder));
		}
		return new InMemoryUserDetailsManager(users);
	}

	@EventListener
	void welcome(ApplicationReadyEvent ready) {
		Welcome.log(ready.getApplicationContext(), generatedAdminPassword.getAndSet(null));
	}

	private static UserDetails user(String name, String password, SecurityProperties.Role role,
			PasswordEncoder encoder) {
		var encoded = password.startsWith("{") ? password : encoder.encode(password);
		return User.withUsername(name).password(encoded).roles(role.name()).build();
	}

}
