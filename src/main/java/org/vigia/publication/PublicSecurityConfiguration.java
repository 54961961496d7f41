package org.vigia.publication;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The public area's own security rule, ahead of the authenticated one: everything under /public is open to anyone,
 * keeps no session and takes no credentials; the rest of the application is not touched. Pages get a strict policy
 * that forbids framing, except the embeddable list, whose narrow policy allows any site to frame it (and nothing
 * else: no script, no form, no other resource).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(PublicationProperties.class)
class PublicSecurityConfiguration {

	static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
			+ "base-uri 'none'; frame-ancestors 'none'";

	static final String EMBED_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
			+ "form-action 'none'; frame-ancestors *";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain publicFilterChain(HttpSecurity http) throws Exception {
		var path = PathPatternRequestMatcher.withDefaults();
		var embed = path.matcher("/public/*/embed");
		var reads = new CorsConfiguration();
		reads.setAllowedOrigins(List.of("*"));
		reads.setAllowedMethods(List.of("GET", "HEAD"));
		reads.setExposedHeaders(List.of("ETag"));
		var cors = new UrlBasedCorsConfigurationSource();
		cors.registerCorsConfiguration("/public/api/**", reads);
		cors.registerCorsConfiguration("/public/catalog", reads);
		http.securityMatcher(path.matcher("/public/**"))
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.POST, "/public/api/reports",
					"/public/report")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/public/**")
				.permitAll()
				.requestMatchers(HttpMethod.HEAD, "/public/**")
				.permitAll()
				.requestMatchers(HttpMethod.OPTIONS, "/public/**")
				.permitAll()
				.anyRequest()
				.denyAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.requireExplicitSave(true))
			.anonymous(anonymous -> {
			})
			// Nothing here acts on a visitor's credentials or session, so there is nothing a forged request could
			// borrow; a report is rate-limited per address instead.
			.csrf(csrf -> csrf.disable())
			.cors(c -> c.configurationSource(cors))
			.headers(headers -> headers
				.frameOptions(frame -> frame.disable())
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(embed,
						new ContentSecurityPolicyHeaderWriter(EMBED_POLICY)))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(embed),
						new ContentSecurityPolicyHeaderWriter(PAGE_POLICY)))
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(embed),
						new org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter(
								org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY))));
		return http.build();
	}

	/** ETags on the public answers: a client that has the current one gets 304 and no body. */
	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> publicEtags() {
		var registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
		registration.addUrlPatterns("/public/*");
		return registration;
	}

}
