package org.vigia.registry;

import java.net.IDN;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Message;

/** The checks every registry field goes through, whether it arrives in a CSV line or an API call. */
final class Inputs {

	static final int MAX_NAME_LENGTH = 200;

	static final int MAX_TEXT_LENGTH = 2000;

	static final int MAX_SILENCE_DAYS = 3650;

	// The HTML standard's "valid e-mail address", with at least one dot in the domain: what browsers accept.
	private static final Pattern EMAIL = Pattern.compile(
			"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
					+ "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

	private static final Pattern HOST_NAME = Pattern
		.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t]]");

	private static final Pattern CONTROL_BUT_LINE_BREAKS = Pattern.compile("[\\p{Cc}&&[^\\t\\r\\n]]");

	private Inputs() {
	}

	/** Trims, and turns blank into null. */
	static @Nullable String clean(@Nullable String value) {
		if (value == null) {
			return null;
		}
		var trimmed = value.strip();
		return trimmed.isEmpty() ? null : trimmed;
	}

	/** A problem with a one-line text such as a name, or null when it is fine. */
	static @Nullable Message checkText(String value, int maxLength) {
		return checkText(value, maxLength, CONTROL);
	}

	/** A problem with a text that may span lines, such as notes, or null when it is fine. */
	static @Nullable Message checkLongText(String value, int maxLength) {
		return checkText(value, maxLength, CONTROL_BUT_LINE_BREAKS);
	}

	private static @Nullable Message checkText(String value, int maxLength, Pattern forbidden) {
		if (value.length() > maxLength) {
			return Message.of("input.tooLong", value.length(), maxLength);
		}
		if (forbidden.matcher(value).find()) {
			return Message.of("input.control");
		}
		return null;
	}

	static String email(String value) {
		if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
			throw new InvalidInputException(Message.of("input.email", value));
		}
		int at = value.lastIndexOf('@');
		return value.substring(0, at) + "@" + value.substring(at + 1).toLowerCase(Locale.ROOT);
	}

	static String language(String value) {
		try {
			var locale = new Locale.Builder().setLanguageTag(value.replace('_', '-')).build();
			if (locale.getLanguage().isEmpty()) {
				throw new IllformedLocaleException("no language");
			}
			return locale.toLanguageTag();
		}
		catch (IllformedLocaleException ex) {
			throw new InvalidInputException(Message.of("input.language", value));
		}
	}

	static int maxSilenceDays(String value) {
		try {
			int days = Integer.parseInt(value);
			if (days >= 1 && days <= MAX_SILENCE_DAYS) {
				return days;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the expected range
		}
		throw new InvalidInputException(Message.of("input.maxSilenceDays", value, MAX_SILENCE_DAYS));
	}

	/** A web domain as people write it ("https://www.Example.es/", "ayuntamiento.es") in canonical form. */
	static String domain(String value) {
		var host = value.strip().toLowerCase(Locale.ROOT);
		host = host.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
		int end = indexOfAny(host, "/?#");
		if (end >= 0) {
			host = host.substring(0, end);
		}
		if (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		try {
			host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
		}
		catch (IllegalArgumentException ex) {
			host = "";
		}
		if (host.length() > 253 || !HOST_NAME.matcher(host).matches()) {
			throw new InvalidInputException(Message.of("input.domain", value));
		}
		return host;
	}

	private static int indexOfAny(String value, String chars) {
		for (int i = 0; i < value.length(); i++) {
			if (chars.indexOf(value.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

}
