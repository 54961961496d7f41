package org.vigia.web;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes dates, times and numbers as the reader's language does, in the organization's time zone (the one its mails
 * use, {@code vigia.alerts.time-zone}): "4 dic 2026, 16:05", "1.200". Templates call it as
 * {@code ${@times.dateTime(f.openedAt)}} and put {@code ${@times.iso(f.openedAt)}}, the exact instant, in a title.
 */
@Component("times")
public class Times {

	private final ZoneId zone;

	// The property is validated where it is declared (AlertsProperties); its default is repeated so a web slice needs
	// no alerts configuration.
	Times(@Value("${vigia.alerts.time-zone:Europe/Madrid}") String zone) {
		this.zone = ZoneId.of(zone);
	}

	/** The date and the time to the minute, in the reader's language: "4 dic 2026, 16:05"; "–" for none. */
	public String dateTime(@Nullable TemporalAccessor at) {
		var zoned = zoned(at);
		return (zoned == null) ? "–"
				: DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale())
					.format(zoned);
	}

	/** The date alone, in the reader's language: "4 dic 2026"; "–" for none. */
	public String date(@Nullable TemporalAccessor at) {
		if (at instanceof LocalDate day) {
			return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(day);
		}
		var zoned = zoned(at);
		return (zoned == null) ? "–"
				: DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(zoned);
	}

	/** The exact instant for a title or a {@code datetime} attribute: ISO 8601 with the zone's offset. */
	public String iso(@Nullable TemporalAccessor at) {
		if (at instanceof LocalDate day) {
			return day.toString();
		}
		var zoned = zoned(at);
		return (zoned == null) ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(zoned) + " (" + zone.getId() + ")";
	}

	/** A number with the reader's grouping: "1.200" in Spanish, "1,200" in English. */
	public String number(@Nullable Number number) {
		return (number == null) ? "–" : NumberFormat.getIntegerInstance(locale()).format(number);
	}

	private @Nullable ZonedDateTime zoned(@Nullable TemporalAccessor at) {
		return switch (at) {
			case null -> null;
			case Instant instant -> instant.atZone(zone);
			case OffsetDateTime offset -> offset.atZoneSameInstant(zone);
			case ZonedDateTime zoned -> zoned.withZoneSameInstant(zone);
			case LocalDate day -> day.atStartOfDay(zone);
			default -> Instant.from(at).atZone(zone);
		};
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}
