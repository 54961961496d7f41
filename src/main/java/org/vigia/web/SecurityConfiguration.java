package org.vigia.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.security.web.csrf.InvalidCsrfTokenException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vigia.common.Audited;
import org.vigia.people.ApiTokens;
import org.vigia.people.People;
import org.vigia.people.PeopleUserDetailsService;
import org.vigia.people.Role;
import org.vigia.people.SingleSignOn;
import org.vigia.web.pages.OversizedUploadFilter;

/**
 * Authentication on everything but health checks: HTTP Basic for scripts, form login for people; reads need VIEWER,
 * writes EDITOR, operating the service ADMIN. Logins are throttled; nothing another site makes a browser send may
 * change anything; request bodies are read only once it is known who sent them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/** The admin's password when it was generated, until it is printed with the address to open. */
	private final AtomicReference<@Nullable String> generatedAdminPassword = new AtomicReference<>();

	/** The API and the other endpoints scripts call: problem details, not pages. */
	static final RequestMatcher MACHINE_FACING = machineFacing();

	private static RequestMatcher machineFacing() {
		var path = PathPatternRequestMatcher.withDefaults();
		return new OrRequestMatcher(path.matcher("/api/**"), path.matcher("/actuator/**"),
				path.matcher("/v3/api-docs/**"));
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemAuthenticationHandlers problems,
			UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle,
			ObjectProvider<ApiTokens> apiTokens, ApplicationEventPublisher events,
			ObjectProvider<ClientRegistrationRepository> clients, ObjectProvider<SingleSignOn> singleSignOn,
			ObjectProvider<SignInProperties> signIn, ObjectProvider<Clock> clock) throws Exception {
		var signIns = new SignInAudit(events, clock.getIfAvailable(Clock::systemUTC));
		var path = PathPatternRequestMatcher.withDefaults();
		var formAction = "form-action 'self'" + networkConsentOrigins(clients.getIfAvailable()) + "; ";
		var machineFacing = MACHINE_FACING;
		var denied = deniedHandler(problems);
		// A browser opening an API address (the dashboard links to the export) is sent to the login page: with a Basic
		// prompt instead, it would remember the credentials and attach them to requests other sites make it send.
		var login = new LoginUrlAuthenticationEntryPoint("/login");
		RequestMatcher navigation = BrowserRequests::isNavigation;
		var basicFailure = DelegatingAuthenticationEntryPoint.builder()
			.addEntryPointFor(login, navigation)
			.defaultEntryPoint(problems)
			.build();
		// Without a session cookie, no browser can make an API call carry credentials but remembered Basic ones,
		// which the cross-site filter deals with; with one, the session's CSRF token is required, Basic or not.
		RequestMatcher apiWithoutSession = request -> machineFacing.matches(request)
				&& request.getRequestedSessionId() == null;
		RequestMatcher multipart = BrowserRequests::isMultipart;
		var csrfRequests = new XorCsrfTokenRequestAttributeHandler();
		var loginFailure = new ExceptionMappingAuthenticationFailureHandler();
		loginFailure.setDefaultFailureUrl("/login?error");
		loginFailure.setExceptionMappings(Map.of(LoginThrottledException.class.getName(), "/login?throttled"));
		// A sign-in through the form is audited once, when the session starts (a Basic call signs in at every request).
		var loginSuccess = new SavedRequestAwareAuthenticationSuccessHandler();
		AuthenticationSuccessHandler audited = (request, response, authentication) -> {
			events.publishEvent(new Audited("signin.succeeded", "user", null, null, null,
					Map.of("through", "password"), authentication.getName(), request.getRemoteAddr()));
			loginSuccess.onAuthenticationSuccess(request, response, authentication);
		};
		var sso = SingleSignOnLogin.registration(clients.getIfAvailable());
		var localLogin = signIn.getIfAvailable(() -> new SignInProperties(true)).localLogin();
		if (!localLogin && sso == null) {
			throw new IllegalStateException("vigia.security.local-login is false, but no single sign-on is configured "
					+ "(spring.security.oauth2.client.registration.sso): nobody could sign in");
		}
		var providers = new ArrayList<AuthenticationProvider>();
		providers.add(passwords(users, encoder));
		var people = singleSignOn.getIfAvailable();
		if (sso != null && people != null) {
			providers.add(SingleSignOnLogin.configure(http, clients.getObject(), people, events));
		}
		var checks = new ProviderManager(providers);
		AuthenticationManager manager = localLogin ? checks : authentication -> {
			if (authentication instanceof UsernamePasswordAuthenticationToken) {
				throw new DisabledException("Passwords are switched off (vigia.security.local-login=false)");
			}
			return checks.authenticate(authentication);
		};
		http.authenticationManager(new ThrottledAuthenticationManager(manager, throttle, events, signIns))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasRole("ADMIN")
				// People are managed by administrators; everyone manages their own tokens and profile.
				.requestMatchers("/api/users/**", "/api/audit/**", "/admin/**")
				.hasRole("ADMIN")
				.requestMatchers("/api/tokens/**", "/profile/**")
				.hasRole("VIEWER")
				.requestMatchers(HttpMethod.GET, "/api/**")
				.hasRole("VIEWER")
				.requestMatchers("/api/**")
				.hasRole("EDITOR")
				.requestMatchers("/login", "/error", "/favicon.ico", "/css/**")
				.permitAll()
				// The dashboard's forms change things: editors only, as on the API.
				.requestMatchers(HttpMethod.POST, "/findings/**", "/accounts/**", "/registry/**", "/runs/**", "/connections/**")
				.hasRole("EDITOR")
				.anyRequest()
				.hasRole("VIEWER"))
			// The dashboard shows text from platforms: a strict policy makes any markup that slipped through inert.
			.headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
					new NegatedRequestMatcher(new OrRequestMatcher(machineFacing, path.matcher("/swagger-ui/**"))),
					new ContentSecurityPolicyHeaderWriter("default-src 'self'; img-src 'self' https:; script-src 'self'; "
							+ "style-src 'self'; object-src 'none'; base-uri 'none'; " + formAction
							+ "frame-ancestors 'none'"))))
			.httpBasic(basic -> basic.authenticationEntryPoint(basicFailure))
			.formLogin(form -> form.loginPage("/login").successHandler(audited).failureHandler(loginFailure).permitAll())
			.logout(Customizer.withDefaults())
			.addFilterBefore(new CrossSiteRequestFilter(denied), CsrfFilter.class)
			// A multipart body is parsed by the first to ask for a form field, and the CSRF check asks before anyone
			// is authenticated: uploads are checked after authorization instead (see UploadCsrfFilter).
			.csrf(csrf -> csrf.csrfTokenRequestHandler(csrfRequests)
				.ignoringRequestMatchers(apiWithoutSession, multipart))
			.addFilterAfter(new OversizedUploadFilter(), AuthorizationFilter.class)
			.addFilterAfter(new UploadCsrfFilter(csrfRequests,
					new AndRequestMatcher(multipart, new NegatedRequestMatcher(apiWithoutSession)), denied),
					OversizedUploadFilter.class)
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor(login, new AndRequestMatcher(machineFacing, navigation))
				.defaultAuthenticationEntryPointFor(problems, machineFacing)
				// Problem details for the API, the error page for the dashboard: a lone defaultAccessDeniedHandlerFor
				// would answer every refusal, a page's too, as problem details.
				.accessDeniedHandler(denied));
		var tokens = apiTokens.getIfAvailable();
		if (tokens != null) {
			// Scripts send a token instead of a password: checked ahead of Basic, on the API only.
			var configured = configuredUsers.get()
				.stream()
				.map(user -> user.getUsername().toLowerCase(java.util.Locale.ROOT))
				.collect(java.util.stream.Collectors.toSet());
			http.addFilterBefore(new ApiTokenFilter(tokens, path.matcher("/api/**"), problems, configured, signIns),
					BasicAuthenticationFilter.class);
		}
		return http.build();
	}

	/** Problem details for the API, the error page for the dashboard. */
	private static AccessDeniedHandler deniedHandler(ProblemAuthenticationHandlers problems) {
		var handlers = new LinkedHashMap<RequestMatcher, AccessDeniedHandler>();
		handlers.put(MACHINE_FACING, problems);
		return new RequestMatcherDelegatingAccessDeniedHandler(handlers, new AccessDeniedHandlerImpl());
	}

	private static AuthenticationProvider passwords(UserDetailsService users, PasswordEncoder encoder) {
		var provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(encoder);
		return provider;
	}

	/**
	 * Refuses, ahead of every other filter, bodies that only the registry import may send (see
	 * {@link RequestBodyFilter}).
	 */
	@Bean
	FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(SecurityProperties properties,
			ProblemAuthenticationHandlers problems) {
		var registration = new FilterRegistrationBean<>(
				new RequestBodyFilter(properties.maxBodySize().toBytes(), MACHINE_FACING, problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
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

	/**
	 * The users who sign in with a password: the configuration's, checked against this node's configuration as
	 * always (and written to PostgreSQL at every start, for their grants, tokens and audit trail), then those kept in
	 * PostgreSQL (see {@link People}). A web slice, which has no database, has the configuration's only.
	 */
	@Bean
	@Primary
	UserDetailsService userDetailsService(SecurityProperties properties, PasswordEncoder encoder,
			ObjectProvider<People> people, ObjectProvider<PeopleUserDetailsService> kept) {
		var configured = users(properties, encoder);
		var store = people.getIfAvailable();
		var details = kept.getIfAvailable();
		if (store == null || details == null) {
			return configured;
		}
		store.bootstrap(configuredUsers.get().stream()
			.map(user -> new People.Configured(user.getUsername(),
					Role.valueOf(user.getAuthorities().iterator().next().getAuthority().substring("ROLE_".length()))))
			.toList());
		return username -> configured.userExists(username) ? configured.loadUserByUsername(username)
				: details.loadUserByUsername(username);
	}

	/** The configuration's users, checked and encoded, as {@link #users} last made them. */
	private final AtomicReference<List<UserDetails>> configuredUsers = new AtomicReference<>(List.of());

	/** The configuration's users, checked (strong passwords) and encoded; a random admin password when none is set. */
	InMemoryUserDetailsManager users(SecurityProperties properties, PasswordEncoder encoder) {
		var users = new ArrayList<UserDetails>();
		var adminPassword = properties.adminPassword();
		if (!StringUtils.hasText(adminPassword)) {
			var bytes = new byte[18];
			new SecureRandom().nextBytes(bytes);
			adminPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			generatedAdminPassword.set(adminPassword);
		}
		else {
			requireStrong("vigia.security.admin-password", adminPassword, properties);
		}
		users.add(user("admin", adminPassword, SecurityProperties.Role.ADMIN, encoder));
		for (int i = 0; i < properties.users().size(); i++) {
			var user = properties.users().get(i);
			if (user.name().equals("admin")) {
				throw new IllegalStateException(
						"vigia.security.users must not redefine 'admin'; set vigia.security.admin-password instead");
			}
			requireStrong("vigia.security.users[" + i + "].password", user.password(), properties);
			users.add(user(user.name(), user.password(), user.role(), encoder));
		}
		configuredUsers.set(List.copyOf(users));
		return new InMemoryUserDetailsManager(users);
	}

	@EventListener
	void welcome(ApplicationReadyEvent ready) {
		Welcome.log(ready.getApplicationContext(), generatedAdminPassword.getAndSet(null));
	}

	/**
	 * A configured password must resist guessing: 12 characters at least, and never {@code {noop}}, which keeps it in
	 * clear text in memory (only tests may relax this). An encoded password ({@code {bcrypt}...}) is taken as it is.
	 */
	static void requireStrong(String property, String password, SecurityProperties properties) {
		if (properties.allowTestPasswords()) {
			return;
		}
		if (password.startsWith("{noop}")) {
			throw new IllegalStateException(property + " is stored as {noop}, in clear text: set the password itself "
					+ "(Vigía encodes it at start-up) or its {bcrypt} hash");
		}
		if (!password.startsWith("{") && password.codePointCount(0, password.length()) < SecurityProperties.MIN_PASSWORD_LENGTH) {
			throw new IllegalStateException(property + " is shorter than " + SecurityProperties.MIN_PASSWORD_LENGTH
					+ " characters: choose a longer password");
		}
	}

	private static UserDetails user(String name, String password, SecurityProperties.Role role,
			PasswordEncoder encoder) {
		var encoded = password.startsWith("{") ? password : encoder.encode(password);
		return User.withUsername(name).password(encoded).roles(role.name()).build();
	}

	/**
	 * The CSRF check of an upload, after authorization: only then may its body be parsed for the token field. It
	 * compares with the token the CSRF filter loaded for this request (it skipped the comparison for uploads), as that
	 * filter would.
	 */
	static final class UploadCsrfFilter extends OncePerRequestFilter {

		private final CsrfTokenRequestHandler tokens;

		private final RequestMatcher uploads;

		private final AccessDeniedHandler denied;

		UploadCsrfFilter(CsrfTokenRequestHandler tokens, RequestMatcher uploads, AccessDeniedHandler denied) {
			this.tokens = tokens;
			this.uploads = new AndRequestMatcher(CsrfFilter.DEFAULT_CSRF_MATCHER, uploads);
			this.denied = denied;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !uploads.matches(request);
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			var deferred = (DeferredCsrfToken) request.getAttribute(DeferredCsrfToken.class.getName());
			if (deferred == null) {
				throw new IllegalStateException("The CSRF filter has not run before the upload's CSRF check");
			}
			var expected = deferred.get();
			var actual = tokens.resolveCsrfTokenValue(request, expected);
			if (actual == null || !MessageDigest.isEqual(expected.getToken().getBytes(StandardCharsets.UTF_8),
					actual.getBytes(StandardCharsets.UTF_8))) {
				denied.handle(request, response, deferred.isGenerated() ? new MissingCsrfTokenException(actual)
						: new InvalidCsrfTokenException(expected, actual));
				return;
			}
			chain.doFilter(request, response);
		}

	}

	/**
	 * The origins of the configured client registrations' consent pages: the connect form on {@code /connections}
	 * posts to Vigía, which redirects the browser to the network, and browsers apply {@code form-action} to every
	 * redirect of a form submission, so with {@code 'self'} alone the browser would stay on the page.
	 */
	static String networkConsentOrigins(ClientRegistrationRepository clients) {
		if (!(clients instanceof Iterable<?> registrations)) {
			return "";
		}
		var origins = new java.util.TreeSet<String>();
		for (var registration : registrations) {
			if (registration instanceof ClientRegistration client
					&& client.getProviderDetails().getAuthorizationUri() != null) {
				var uri = java.net.URI.create(client.getProviderDetails().getAuthorizationUri());
				if (uri.getScheme() != null && uri.getHost() != null) {
					origins.add(uri.getScheme() + "://" + uri.getRawAuthority());
				}
			}
		}
		return origins.isEmpty() ? "" : " " + String.join(" ", origins);
	}

}
