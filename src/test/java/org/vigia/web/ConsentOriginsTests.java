package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/** The pages' form-action lets the connect form's redirects reach each configured network's consent page, only. */
class ConsentOriginsTests {

	@Test
	void theConsentPagesOriginsOfTheConfiguredRegistrationsAndNothingElse() {
		var clients = new InMemoryClientRegistrationRepository(
				registration("facebook", "https://www.facebook.com/v26.0/dialog/oauth"),
				registration("threads", "https://threads.net/oauth/authorize"),
				registration("mock", "http://127.0.0.1:41745/v26.0/dialog/oauth"));

		assertThat(SecurityConfiguration.networkConsentOrigins(clients))
			.isEqualTo(" http://127.0.0.1:41745 https://threads.net https://www.facebook.com");
		assertThat(SecurityConfiguration.networkConsentOrigins(null)).isEmpty();
	}

	private static ClientRegistration registration(String id, String authorizationUri) {
		return ClientRegistration.withRegistrationId(id)
			.clientId("app")
			.clientSecret("secret")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/connections/oauth2/code/{registrationId}")
			.authorizationUri(authorizationUri)
			.tokenUri("https://example.org/token")
			.build();
	}

}
