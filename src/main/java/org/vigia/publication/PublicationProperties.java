package org.vigia.publication;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public directory's limits.
 * @param reportsPerHour reports one address may send in an hour
 * @param reportsPerDay reports one address may send in a day
 * @param maxAge how long browsers and caches may keep a public answer
 * @param licence the licence the published registries are offered under (DCAT-AP {@code dct:license})
 */
@ConfigurationProperties("vigia.public")
record PublicationProperties(@DefaultValue("5") int reportsPerHour, @DefaultValue("20") int reportsPerDay,
		@DefaultValue("PT5M") Duration maxAge,
		@DefaultValue("https://creativecommons.org/licenses/by/4.0/") String licence) {

	PublicationProperties {
		if (reportsPerHour < 1 || reportsPerDay < reportsPerHour) {
			throw new IllegalArgumentException("vigia.public.reports-per-hour must be at least 1 and at most "
					+ "vigia.public.reports-per-day (were " + reportsPerHour + " and " + reportsPerDay + ")");
		}
		if (maxAge.isNegative()) {
			throw new IllegalArgumentException("vigia.public.max-age must not be negative, was " + maxAge);
		}
	}

}
