package org.vigia.platform.meta;

import java.net.URI;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Meta app through which Vigía reads Facebook Pages and Instagram professional accounts.
 * @param appId the app's id ({@code VIGIA_PLATFORMS_META_APP_ID})
 * @param appSecret the app's secret ({@code VIGIA_PLATFORMS_META_APP_SECRET}): signs every Graph API call
 *     ({@code appsecret_proof}) and the token exchange; never logged
 * @param graphUrl the Graph API without a version ({@code VIGIA_PLATFORMS_META_GRAPH_URL}); Vigía adds the version it
 *     was built against, {@link Graph#VERSION}
 * @param oauthUrl where people grant the app access ({@code VIGIA_PLATFORMS_META_OAUTH_URL})
 * @param configId the Facebook Login for Business configuration that the consent page presents
 *     ({@code VIGIA_PLATFORMS_META_CONFIG_ID}): made in the app dashboard, it holds the permissions and the token type,
 *     and is sent as {@code config_id} instead of a {@code scope}; unset, the registration's scope is sent
 */
@ConfigurationProperties("vigia.platforms.meta")
@Validated
public record MetaProperties(@Nullable String appId, @Nullable String appSecret,
		@DefaultValue("https://graph.facebook.com") @NotNull URI graphUrl,
		@DefaultValue("https://www.facebook.com") @NotNull URI oauthUrl, @Nullable String configId) {

	/** Whether the app is configured: without its id and secret Vigía cannot call the Graph API. */
	public boolean configured() {
		return appId != null && !appId.isBlank() && appSecret != null && !appSecret.isBlank();
	}

	/** Whether the consent page presents a Facebook Login for Business configuration rather than a scope. */
	public boolean hasConfiguration() {
		return configId != null && !configId.isBlank();
	}

	/** The Graph API at its pinned version, without a trailing slash. */
	public String versionedGraphUrl() {
		var base = graphUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + Graph.VERSION;
	}

	@Override
	public String toString() {
		return "MetaProperties[appId=" + appId + ", appSecret=(secret), graphUrl=" + graphUrl + ", oauthUrl="
				+ oauthUrl + ", configId=" + configId + "]";
	}

}
