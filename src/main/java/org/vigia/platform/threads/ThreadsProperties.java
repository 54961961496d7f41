package org.vigia.platform.threads;

import java.net.URI;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Threads app (a Meta app with the Threads use case, which has an id and secret of its own).
 * @param appId the Threads app id ({@code VIGIA_PLATFORMS_THREADS_APP_ID})
 * @param appSecret the Threads app secret ({@code VIGIA_PLATFORMS_THREADS_APP_SECRET}); never logged
 * @param apiUrl the Threads API without a version ({@code VIGIA_PLATFORMS_THREADS_API_URL})
 */
@ConfigurationProperties("vigia.platforms.threads")
@Validated
public record ThreadsProperties(@Nullable String appId, @Nullable String appSecret,
		@DefaultValue("https://graph.threads.net") @NotNull URI apiUrl) {

	/** The Threads API version Vigía was built against. */
	public static final String VERSION = "v1.0";

	/** The API without a trailing slash. */
	public String base() {
		var base = apiUrl.toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	@Override
	public String toString() {
		return "ThreadsProperties[appId=" + appId + ", appSecret=(secret), apiUrl=" + apiUrl + "]";
	}

}
