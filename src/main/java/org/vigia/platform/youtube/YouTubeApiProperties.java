package org.vigia.platform.youtube;

import java.net.URI;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The YouTube Data API v3, read with an API key.
 * @param apiKey the key ({@code VIGIA_PLATFORMS_YOUTUBE_API_KEY}); never logged. Without it channels are read through
 *     their public feed, by channel id only
 * @param apiUrl the API ({@code VIGIA_PLATFORMS_YOUTUBE_API_URL})
 * @param dailyQuota the quota units Vigía spends at most in a day, Pacific time ({@code VIGIA_PLATFORMS_YOUTUBE_DAILY_QUOTA}),
 *     below the project's 10,000 so that the key keeps some for people
 */
@ConfigurationProperties("vigia.platforms.youtube")
@Validated
public record YouTubeApiProperties(@Nullable String apiKey,
		@DefaultValue("https://www.googleapis.com") @NotNull URI apiUrl, @DefaultValue("9000") @Min(0) long dailyQuota) {

	public boolean configured() {
		return apiKey != null && !apiKey.isBlank();
	}

	@Override
	public String toString() {
		return "YouTubeApiProperties[apiKey=(secret), apiUrl=" + apiUrl + ", dailyQuota=" + dailyQuota + "]";
	}

}
