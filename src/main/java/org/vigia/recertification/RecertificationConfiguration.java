package org.vigia.recertification;

import java.util.List;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The campaign job and its trigger (on schedule unless {@code vigia.recertification.schedule-enabled} is false), and the
 * answer pages' own security rule.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RecertificationProperties.class)
class RecertificationConfiguration {

	static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
			+ "base-uri 'none'; frame-ancestors 'none'";

	@Bean
	JobDetail recertificationJob() {
		return JobBuilder.newJob(RecertificationJob.class).withIdentity("campaigns", "recertification").storeDurably()
			.build();
	}

	@Bean
	@ConditionalOnProperty(name = "vigia.recertification.schedule-enabled", matchIfMissing = true)
	Trigger recertificationTrigger(JobDetail recertificationJob, RecertificationProperties properties) {
		return TriggerBuilder.newTrigger()
			.withIdentity("campaigns", "recertification")
			.forJob(recertificationJob)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(properties.interval().toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

	/**
	 * The answer pages, and only they, are open without login: the link's token is the credential. The form keeps its
	 * CSRF token (in the visitor's session), and the pages may not be framed. The application's other rules are not
	 * touched.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 11)
	@ConditionalOnWebApplication
	SecurityFilterChain recertificationFilterChain(HttpSecurity http) throws Exception {
		var path = PathPatternRequestMatcher.withDefaults();
		http.securityMatcher(path.matcher("/recertify/**"))
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/recertify/*")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/recertify/*/accounts/*")
				.permitAll()
				.anyRequest()
				.denyAll())
			.requestCache(cache -> cache.disable())
			.anonymous(anonymous -> {
			})
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY))
				.referrerPolicy(referrer -> referrer.policy(
						org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	static final List<String> LANGUAGES = List.of("en", "es", "ca", "gl", "eu");

}
