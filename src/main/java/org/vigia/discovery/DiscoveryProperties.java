package org.vigia.discovery;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.time.DateTimeException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How look-alikes are looked for, how much each run may ask of the platforms, and when it runs.
 * @param mastodonInstances Mastodon servers whose account search is queried, and where permutations of Mastodon
 * handles are tried too (the same name on another server)
 * @param scheduleEnabled whether discovery runs on schedule (runs started through the API always work)
 * @param cron when the scheduled run starts: a Quartz cron expression, in {@code timeZone}
 * @param timeZone the zone of the cron
 * @param maxQueries searches per organization and platform (server): its name, aliases and official display names,
 * the place it is named after, its official handles and the place as a handle writes it, in that order, the first ones
 * @param searchLimit accounts asked of each search (Bluesky allows up to 100, Mastodon 40)
 * @param probeRequests requests per organization and run spent on probing handle permutations, most likely first
 * over all its handles: a Bluesky request looks up 25 handles ({@code getProfiles}), a Mastodon one a single name;
 * released handles and known look-alikes are probed on top, and answers still fresh cost nothing
 * @param rateLimitWait how long a search or lookup waits for a Mastodon server's next rate-limit window when the
 * current one is down to the share kept for polling; beyond it the rest waits for the next run
 * @param probesPerOrganization replaced by {@code probeRequests}: a value set is ignored, with a warning naming it
 * @param probeTtl how long a platform's answer about a handle is reused before it is asked again
 * @param avatarTtl how long an avatar's hash is reused
 * @param avatarMaxBytes avatars larger than this are not fetched
 * @param parallelism probes in flight at once for one organization; the HTTP client's per-host caps still apply
 * @param lease how long a worker holds an organization before another node may take it over
 * @param impersonationThreshold the score from which a candidate is an impersonation
 * @param affixes words impersonators add to an official handle
 * @param countryCodes country codes impersonators add to an official handle
 */
@ConfigurationProperties("vigia.discovery")
record DiscoveryProperties(
		@DefaultValue({ "https://mastodon.social", "https://mastodon.online", "https://mas.to" }) List<URI> mastodonInstances,
		@DefaultValue("true") boolean scheduleEnabled, @DefaultValue("0 30 4 * * ?") String cron,
		@DefaultValue("Europe/Madrid") String timeZone, @DefaultValue("8") int maxQueries,
		@DefaultValue("25") int searchLimit, @DefaultValue("400") int probeRequests,
		@DefaultValue("PT6M") Duration rateLimitWait, @Nullable Integer probesPerOrganization,
		@DefaultValue("P7D") Duration probeTtl, @DefaultValue("P30D") Duration avatarTtl,
		@DefaultValue("1048576") int avatarMaxBytes, @DefaultValue("4") int parallelism,
		@DefaultValue("PT30M") Duration lease, @DefaultValue("-1") int impersonationThreshold,
		@DefaultValue({ "oficial", "official", "info", "prensa", "ayuda", "soporte", "news" }) List<String> affixes,
		@DefaultValue("es") List<String> countryCodes) {

	private static final Logger log = LoggerFactory.getLogger(DiscoveryProperties.class);

	DiscoveryProperties {
		mastodonInstances = List.copyOf(mastodonInstances);
		for (var instance : mastodonInstances) {
			require(instance.isAbsolute() && ("https".equals(instance.getScheme()) || "http".equals(instance.getScheme()))
					&& instance.getHost() != null && (instance.getPath() == null || instance.getPath().isEmpty()
							|| "/".equals(instance.getPath())),
					"vigia.discovery.mastodon-instances must be server URLs such as https://mastodon.social, was "
							+ instance);
		}
		require(CronExpression.isValidExpression(cron),
				"vigia.discovery.cron is not a Quartz cron expression (seconds minutes hours day month weekday): " + cron);
		try {
			ZoneId.of(timeZone);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException(
					"vigia.discovery.time-zone is not a time zone, such as Europe/Madrid: " + timeZone, ex);
		}
		require(maxQueries >= 1 && maxQueries <= 50, "vigia.discovery.max-queries must be 1 to 50, was " + maxQueries);
		require(searchLimit >= 1 && searchLimit <= 100,
				"vigia.discovery.search-limit must be 1 to 100, was " + searchLimit);
		require(probeRequests >= 0 && probeRequests <= 10_000,
				"vigia.discovery.probe-requests must be 0 to 10000, was " + probeRequests);
		require(!rateLimitWait.isNegative() && rateLimitWait.compareTo(Duration.ofHours(1)) <= 0,
				"vigia.discovery.rate-limit-wait must be 0 to 1h, was " + rateLimitWait);
		if (probesPerOrganization != null) {
			// Ignored rather than refused: an upgrade must not stop a monitor over a budget it now counts otherwise.
			log.warn("vigia.discovery.probes-per-organization ({}) counted handles and is ignored: set "
					+ "vigia.discovery.probe-requests (VIGIA_DISCOVERY_PROBE_REQUESTS, now {}), the requests per "
					+ "organization and run, each of which looks up 25 Bluesky handles or one Mastodon name",
					probesPerOrganization, probeRequests);
		}
		require(!probeTtl.isNegative(), "vigia.discovery.probe-ttl must not be negative, was " + probeTtl);
		require(!avatarTtl.isNegative(), "vigia.discovery.avatar-ttl must not be negative, was " + avatarTtl);
		require(avatarMaxBytes >= 1024 && avatarMaxBytes <= 16 * 1024 * 1024,
				"vigia.discovery.avatar-max-bytes must be 1024 to 16777216, was " + avatarMaxBytes);
		require(parallelism >= 1 && parallelism <= 64,
				"vigia.discovery.parallelism must be 1 to 64, was " + parallelism);
		require(lease.compareTo(Duration.ofMinutes(1)) >= 0, "vigia.discovery.lease must be at least 1m, was " + lease);
		require(impersonationThreshold == -1 || impersonationThreshold >= 1,
				"vigia.discovery.impersonation-threshold must be positive, was " + impersonationThreshold);
		affixes = List.copyOf(affixes);
		countryCodes = List.copyOf(countryCodes);
	}

	ZoneId zone() {
		return ZoneId.of(timeZone);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
