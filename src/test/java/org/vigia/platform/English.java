package org.vigia.platform;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.support.ResourceBundleMessageSource;

/** What a stored message says in English, for tests that check the words a reader gets. */
public final class English {

	private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

	static {
		MESSAGES.setBasename("messages");
		MESSAGES.setDefaultEncoding("UTF-8");
		MESSAGES.setFallbackToSystemLocale(false);
	}

	private English() {
	}

	public static String text(@Nullable String stored) {
		return Message.render(stored, MESSAGES, Locale.ENGLISH);
	}

	public static String text(@Nullable String stored, Locale locale) {
		return Message.render(stored, MESSAGES, locale);
	}

}
