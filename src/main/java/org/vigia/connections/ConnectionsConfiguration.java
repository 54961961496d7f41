package org.vigia.connections;

import java.util.TreeSet;

import java.time.Duration;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The vault, and the refusal to start with connections configured but no key to keep their tokens. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
class ConnectionsConfiguration {

	/** The registration single sign-on uses: a login, not a connection. */
	static final String SSO = "sso";

	@Bean
	Vault vault(SecretsProperties properties, ObjectProvider<OAuth2ClientProperties> clients) {
		var vault = Vault.of(properties);
		var client = clients.getIfAvailable();
		var registrations = new TreeSet<String>((client != null) ? client.getRegistration().keySet() : java.util.Set.of());
		registrations.remove(SSO);
		if (!registrations.isEmpty() && !vault.canEncrypt()) {
			throw new IllegalStateException("VIGIA_SECRETS_KEY is not set, but connections are configured "
					+ "(spring.security.oauth2.client.registration: " + String.join(", ", registrations) + "): their "
					+ "tokens must be encrypted at rest. Set VIGIA_SECRETS_KEY to 32 random bytes in base64 "
					+ "(openssl rand -base64 32) and keep it apart from the database; see docs/connections.md");
		}
		return vault;
	}

	@Bean
	JobDetail connectionLifecycleJob() {
		return JobBuilder.newJob(ConnectionLifecycleJob.class).withIdentity("lifecycle", "connections").storeDurably().build();
	}

	@Bean
	@ConditionalOnProperty(name = "vigia.connections.lifecycle-enabled", matchIfMissing = true)
	Trigger connectionLifecycleTrigger(JobDetail connectionLifecycleJob) {
		return TriggerBuilder.newTrigger()
			.withIdentity("lifecycle", "connections")
			.forJob(connectionLifecycleJob)
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(Duration.ofHours(1).toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

}
