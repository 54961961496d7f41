package org.vigia.alerts;

import java.net.URI;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who gets alerts, when, and how they are delivered.
 * @param from the sender address
 * @param recipients the central communications office: every HIGH alert, and what has no owner
 * @param locale the language of the mails: {@code en}, {@code es}, {@code ca}, {@code gl} or {@code eu}
 * @param baseUrl where the dashboard is, for the links in the mails
 * @param groupWindow how long an alert waits for others to the same recipient, so that they make one mail
 * @param deliveryInterval how often pending alerts are composed and pending mails sent
 * @param deliveryEnabled whether that happens on schedule
 * @param maxAttempts attempts at sending a mail before it is marked FAILED
 * @param retryBaseDelay the wait after the first failed attempt; it doubles after each, up to an hour
 * @param sendLease how long a sender's claim on a mail lasts unless renewed; the sender renews it while it works on the
 * mail, so it passes to another instance only when its sender died
 * @param digestCron when the daily digest is composed: a Quartz cron expression, in {@code timeZone}
 * @param reportCron when the weekly report is composed: a Quartz cron expression, in {@code timeZone}
 * @param timeZone the zone of both crons, and of the dates in digests and reports
 * @param remindAfter how long a finding stays OPEN before the digest reminds its recipients of it, and how often
 */
@ConfigurationProperties("vigia.alerts")
@Validated
public record AlertsProperties(@DefaultValue("vigia@localhost") String from, List<String> recipients,
		@DefaultValue("en") Locale locale, @DefaultValue("http://localhost:8080") URI baseUrl,
		@DefaultValue("PT2M") Duration groupWindow, @DefaultValue("PT30S") Duration deliveryInterval,
		@DefaultValue("true") boolean deliveryEnabled, @DefaultValue("10") @Min(1) @Max(100) int maxAttempts,
		@DefaultValue("PT1M") Duration retryBaseDelay, @DefaultValue("PT5M") Duration sendLease,
		@DefaultValue("0 0 8 * * ?") String digestCron, @DefaultValue("0 0 8 ? * MON") String reportCron,
		@DefaultValue("Europe/Madrid") String timeZone, @DefaultValue("P7D") Duration remindAfter) {

	static final Set<String> LANGUAGES = Set.of("en", "es", "ca", "gl", "eu");

	// A recipient's and an organization's own language are stored under check constraints that know these five (V29);
	// adding a language widens them in a migration of its own.
	static final Set<String> RECIPIENT_LANGUAGES = LANGUAGES;

	public AlertsProperties {
		recipients = (recipients != null)
				? recipients.stream().map(String::strip).filter(r -> !r.isEmpty()).map(r -> r.toLowerCase(Locale.ROOT))
					.distinct().toList()
				: List.of();
		require(Addresses.valid(from), "vigia.alerts.from is not an e-mail address: " + from);
		for (var recipient : recipients) {
			require(Addresses.valid(recipient), "vigia.alerts.recipients holds an invalid e-mail address: " + recipient);
		}
		require(LANGUAGES.contains(locale.getLanguage()),
				"vigia.alerts.locale must be en, es, ca, gl or eu, was " + locale.toLanguageTag());
		require(baseUrl.getScheme() != null && baseUrl.getScheme().startsWith("http"),
				"vigia.alerts.base-url must be an http(s) URL, was " + baseUrl);
		require(!groupWindow.isNegative(), "vigia.alerts.group-window must not be negative");
		require(deliveryInterval.compareTo(Duration.ofSeconds(1)) >= 0, "vigia.alerts.delivery-interval must be at least 1s");
		require(retryBaseDelay.compareTo(Duration.ofSeconds(1)) >= 0, "vigia.alerts.retry-base-delay must be at least 1s");
		require(sendLease.compareTo(Duration.ofSeconds(10)) >= 0, "vigia.alerts.send-lease must be at least 10s");
		cron("vigia.alerts.digest-cron", digestCron);
		cron("vigia.alerts.report-cron", reportCron);
		try {
			ZoneId.of(timeZone);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException(
					"vigia.alerts.time-zone is not a time zone, such as Europe/Madrid: " + timeZone, ex);
		}
		require(remindAfter.compareTo(Duration.ofHours(1)) >= 0, "vigia.alerts.remind-after must be at least 1h");
	}

	/** The zone of the crons and of the dates in mails. */
	public ZoneId zone() {
		return ZoneId.of(timeZone);
	}

	private static void cron(String property, String expression) {
		try {
			new CronExpression(expression);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(
					property + " is not a Quartz cron expression (" + ex.getMessage() + "): " + expression, ex);
		}
	}

	/** The dashboard's address without a trailing slash, for the links in mails. */
	String dashboard() {
		return baseUrl.toString().replaceAll("/+$", "");
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
