package org.vigia.platform.x;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The X app through which Vigía reads X accounts.
 * @param bearerToken the app's bearer token ({@code VIGIA_PLATFORMS_X_BEARER_TOKEN}), app-only authentication; never
 *     logged. Without it X accounts stay unread.
 * @param apiUrl the X API ({@code VIGIA_PLATFORMS_X_API_URL})
 * @param interval how often each X account is checked ({@code VIGIA_PLATFORMS_X_INTERVAL}): reads are paid
 * @param monthlyReads the most resources (users and posts) Vigía reads from X in a calendar month, UTC
 *     ({@code VIGIA_PLATFORMS_X_MONTHLY_READS}), spread evenly over its days
 * @param userReadPrice the published price of one user read, in US dollars, for the cost estimate
 * @param postReadPrice the published price of one post read, in US dollars
 */
@ConfigurationProperties("vigia.platforms.x")
@Validated
public record XProperties(@Nullable String bearerToken, @DefaultValue("https://api.x.com") @NotNull URI apiUrl,
		@DefaultValue("P1D") @NotNull Duration interval, @DefaultValue("10000") @Min(0) long monthlyReads,
		@DefaultValue("0.010") double userReadPrice, @DefaultValue("0.005") double postReadPrice) {

	@ConstructorBinding
	public XProperties {
	}

	public XProperties(@Nullable String bearerToken, URI apiUrl, Duration interval, long monthlyReads) {
		this(bearerToken, apiUrl, interval, monthlyReads, 0.010, 0.005);
	}

	/** Whether the bearer token is configured: without it no call is made. */
	public boolean configured() {
		return bearerToken != null && !bearerToken.isBlank();
	}

	@Override
	public String toString() {
		return "XProperties[bearerToken=(secret), apiUrl=" + apiUrl + ", interval=" + interval + ", monthlyReads="
				+ monthlyReads + "]";
	}

}
