package org.vigia.platform.tiktok;

import java.net.URI;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The TikTok app (Login Kit for Web) and where TikTok's API answers.
 * @param clientKey the app's client key ({@code VIGIA_PLATFORMS_TIKTOK_CLIENT_KEY}); unset, the client id of the
 *     client registration {@code tiktok} is used
 * @param clientSecret the app's client secret ({@code VIGIA_PLATFORMS_TIKTOK_CLIENT_SECRET}); unset, that of the
 *     registration; never logged
 * @param apiUrl the API, token endpoint included ({@code VIGIA_PLATFORMS_TIKTOK_API_URL})
 * @param oauthUrl where people grant access ({@code VIGIA_PLATFORMS_TIKTOK_OAUTH_URL}), for the registration's
 *     authorization URI {@code /v2/auth/authorize/}
 */
@ConfigurationProperties("vigia.platforms.tiktok")
@Validated
public record TikTokProperties(@Nullable String clientKey, @Nullable String clientSecret,
		@DefaultValue("https://open.tiktokapis.com") @NotNull URI apiUrl,
		@DefaultValue("https://www.tiktok.com") @NotNull URI oauthUrl) {

	/** The API without a trailing slash. */
	public String api() {
		var base = apiUrl.toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	@Override
	public String toString() {
		return "TikTokProperties[clientKey=" + clientKey + ", clientSecret=(secret), apiUrl=" + apiUrl + ", oauthUrl="
				+ oauthUrl + "]";
	}

}
