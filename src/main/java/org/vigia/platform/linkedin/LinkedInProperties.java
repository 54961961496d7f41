package org.vigia.platform.linkedin;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * LinkedIn's REST API as Vigía calls it (Community Management API). The app's client id and secret are those of the
 * connection's client registration, {@code linkedin}.
 * @param apiUrl the REST API ({@code VIGIA_PLATFORMS_LINKEDIN_API_URL})
 * @param version the API version sent as {@code LinkedIn-Version}, {@code YYYYMM}
 *     ({@code VIGIA_PLATFORMS_LINKEDIN_VERSION}); LinkedIn supports a version for at least a year
 * @param oauthUrl LinkedIn's OAuth 2.0 server ({@code VIGIA_PLATFORMS_LINKEDIN_OAUTH_URL}), whose
 *     {@code /oauth/v2/accessToken} refreshes tokens
 * @param clientId the app's client id for refreshing ({@code VIGIA_PLATFORMS_LINKEDIN_CLIENT_ID}); unset, that of the
 *     client registration {@code linkedin}
 * @param clientSecret the app's client secret ({@code VIGIA_PLATFORMS_LINKEDIN_CLIENT_SECRET}); unset, that of the
 *     registration; never logged
 */
@ConfigurationProperties("vigia.platforms.linkedin")
@Validated
public record LinkedInProperties(@DefaultValue("https://api.linkedin.com") @NotNull URI apiUrl,
		@DefaultValue("202611") @NotBlank String version,
		@DefaultValue("https://www.linkedin.com") @NotNull URI oauthUrl, @Nullable String clientId,
		@Nullable String clientSecret) {

	/** The REST API without a trailing slash. */
	public String api() {
		var base = apiUrl.toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/** The OAuth 2.0 server without a trailing slash. */
	public String oauth() {
		var base = oauthUrl.toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	@Override
	public String toString() {
		return "LinkedInProperties[apiUrl=" + apiUrl + ", version=" + version + ", oauthUrl=" + oauthUrl + ", clientId="
				+ clientId + ", clientSecret=(secret)]";
	}

}
