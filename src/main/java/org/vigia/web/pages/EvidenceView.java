package org.vigia.web.pages;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.web.util.UriComponentsBuilder;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.web.Sentences;
import org.vigia.web.Times;

/**
 * A finding's evidence as its page shows it, in the reader's language: each key under its label
 * ({@code evidence.key.silentDays}), instants as the reader's date and time (the exact instant in a title), the codes a
 * rule writes (a limit's source, an outcome, a platform, a connection's state) under their names, addresses as links
 * and numbers with the language's grouping; maps and lists at any depth the same way. The API keeps the keys and the
 * raw values: only pages show this.
 */
record EvidenceView(List<Row> rows) {

	/** One key of a map: the key, its label and its value. */
	record Row(String key, String label, Value value) {
	}

	/**
	 * One value: {@code text} (with a {@code title} for a date: the exact instant), a
	 * {@code link} to {@code href}, a {@code list} of {@code items} or a {@code map} of {@code rows}.
	 */
	record Value(String kind, String text, @Nullable String title, @Nullable String href, List<Value> items,
			List<Row> rows) {

		static Value text(String text) {
			return new Value("text", text, null, null, List.of(), List.of());
		}

		static Value titled(String text, @Nullable String title) {
			return new Value("text", text, title, null, List.of(), List.of());
		}

	}

	/** Keys a rule writes for itself (the summary's own code and arguments): the summary already says them. */
	static final Set<String> HIDDEN = Set.of("summaryCode", "summaryArguments");

	/**
	 * Keys whose values are codes named {@code evidence.value.KEY.CODE} (or, for the listed ones, by an existing
	 * family of names).
	 */
	private static final Map<String, String> CODES = Map.of("outcome", "outcome.", "lastOutcome", "outcome.", "state",
			"connections.state.", "signal", "signal.", "limitSource", "evidence.value.limitSource.", "source",
			"evidence.value.source.", "reason", "evidence.value.reason.", "broken", "evidence.value.broken.");

	/** Shares between 0 and 1, shown as percentages. */
	private static final Set<String> SHARES = Set.of("replyShare", "minimumShare");

	private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*");

	private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*|[a-z][a-z0-9-]*");

	static EvidenceView of(Map<String, ?> evidence, MessageSource messages, Times times, Sentences sentences,
			Locale locale) {
		var view = new Builder(messages, times, sentences, locale);
		return new EvidenceView(view.rows(evidence, true));
	}

	/** The label of an evidence key in this language, or the key itself when it has none. */
	static String label(String key, MessageSource messages, Locale locale) {
		return messages.getMessage("evidence.key." + key, null, key, locale);
	}

	private record Builder(MessageSource messages, Times times, Sentences sentences, Locale locale) {

		List<Row> rows(Map<?, ?> map, boolean top) {
			var rows = new ArrayList<Row>();
			map.forEach((k, v) -> {
				var key = String.valueOf(k);
				if (!(top && HIDDEN.contains(key))) {
					rows.add(new Row(key, label(key, messages, locale), value(key, v)));
				}
			});
			return rows;
		}

		Value value(String key, @Nullable Object value) {
			return switch (value) {
				case null -> Value.text("–");
				case Map<?, ?> map -> new Value("map", "", null, null, List.of(), rows(map, false));
				case List<?> list -> list.isEmpty() ? Value.text("–")
						: new Value("list", "", null, null, list.stream().map(item -> value(key, item)).toList(), List.of());
				case Boolean yes -> Value.text(message(yes ? "evidence.value.true" : "evidence.value.false", null));
				case Number number -> number(key, number);
				default -> string(key, String.valueOf(value));
			};
		}

		private Value number(String key, Number number) {
			if (SHARES.contains(key)) {
				var percent = NumberFormat.getPercentInstance(locale);
				percent.setMaximumFractionDigits(1);
				return Value.text(percent.format(number.doubleValue()));
			}
			if (key.endsWith("Id") || key.endsWith("Ids") || key.equals("httpStatus") || key.equals("lastHttpStatus")) {
				// Identifiers and status codes are read as they are written, without grouping.
				return Value.text(String.valueOf(number));
			}
			if (number instanceof Double || number instanceof Float) {
				return Value.text(NumberFormat.getNumberInstance(locale).format(number));
			}
			return Value.text(times.number(number));
		}

		private Value string(String key, String value) {
			if (value.equals("null") || value.isBlank()) {
				return Value.text("–");
			}
			if (Message.decode(value) != null) {
				return Value.text(sentences.text(value, locale));
			}
			var at = instant(value);
			if (at != null) {
				return Value.titled(times.dateTime(at), times.iso(at));
			}
			if (value.startsWith("https://") || value.startsWith("http://")) {
				var href = link(value);
				if (href != null) {
					return new Value("link", value, null, href, List.of(), List.of());
				}
			}
			if (key.equals("platform")) {
				var platform = Platform.fromId(value).or(() -> byName(value));
				if (platform.isPresent()) {
					return Value.text(platform.get().label());
				}
			}
			var family = CODES.get(key);
			if (family != null && CODE.matcher(value).matches()) {
				var name = messages.getMessage(family + value, null, null, locale);
				if (name != null) {
					return Value.text(name);
				}
			}
			return Value.text(value);
		}

		private String message(String code, Object @Nullable [] arguments) {
			return messages.getMessage(code, arguments, code, locale);
		}

	}

	private static java.util.Optional<Platform> byName(String name) {
		try {
			return java.util.Optional.of(Platform.valueOf(name));
		}
		catch (IllegalArgumentException ex) {
			return java.util.Optional.empty();
		}
	}

	private static @Nullable TemporalAccessor instant(String value) {
		if (!ISO_INSTANT.matcher(value).matches()) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(value);
			}
			catch (DateTimeParseException again) {
				return null;
			}
		}
	}

	/**
	 * An address a page may link to: http or https with a host, whatever it holds percent-encoded; else none (it is
	 * shown as text).
	 */
	private static @Nullable String link(String value) {
		try {
			var uri = UriComponentsBuilder.fromUriString(value).encode().build();
			return (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())))
					? uri.toUriString() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
