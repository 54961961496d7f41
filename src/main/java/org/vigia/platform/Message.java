package org.vigia.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sentence kept as a message code and its arguments, so that it is written in the reader's language when shown
 * rather than in English when stored. An argument may itself be a message (a phrase inside the sentence).
 * @param code the key in the {@code messages*.properties} bundles
 * @param arguments handles, counts, days, platform names, or nested messages
 */
public record Message(String code, List<@Nullable Object> arguments) {

	// A value, not a bean: encoded and rendered from anywhere (rules, mails, templates), and its stored form must not
	// follow the application's JSON settings, since rows written years apart are read with the same code.
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PREFIX = "{\"code\":";

	public Message {
		// Arguments quote display names and handles, and summaries go into mail subjects: no line break survives.
		arguments = java.util.Collections.unmodifiableList(new ArrayList<>(arguments.stream()
			.map(a -> (a instanceof String text) ? PlatformText.oneLine(text) : a)
			.toList()));
	}

	public static Message of(String code, @Nullable Object... arguments) {
		return new Message(code, java.util.Arrays.asList(arguments));
	}

	/** The form stored in a text column: JSON, which {@link #render} recognises. */
	public String encode() {
		return JSON.writeValueAsString(tree());
	}

	private Map<String, Object> tree() {
		var map = new LinkedHashMap<String, Object>();
		map.put("code", code);
		map.put("arguments", arguments.stream().map(Message::tree).toList());
		return map;
	}

	private static @Nullable Object tree(@Nullable Object argument) {
		if (argument instanceof Message message) {
			return message.tree();
		}
		if (argument instanceof List<?> list) {
			return list.stream().map(Message::tree).toList();
		}
		return argument;
	}

	/** The message a stored text holds, or null when the text is a plain sentence written before messages. */
	public static @Nullable Message decode(@Nullable String stored) {
		if (stored == null || !stored.startsWith(PREFIX)) {
			return null;
		}
		try {
			return fromTree(JSON.readValue(stored, Map.class));
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private static Message fromTree(Map<?, ?> tree) {
		var arguments = new ArrayList<@Nullable Object>();
		for (Object argument : (List<Object>) tree.get("arguments")) {
			arguments.add(fromArgument(argument));
		}
		return new Message(String.valueOf(tree.get("code")), arguments);
	}

	private static @Nullable Object fromArgument(@Nullable Object argument) {
		if (argument instanceof Map<?, ?> nested && nested.containsKey("code")) {
			return fromTree(nested);
		}
		if (argument instanceof List<?> list) {
			return list.stream().map(Message::fromArgument).toList();
		}
		return argument;
	}

	// The bundles the application reads, for the English form an exception's message and the logs keep.
	private static final org.springframework.context.support.ResourceBundleMessageSource ENGLISH = englishBundles();

	private static org.springframework.context.support.ResourceBundleMessageSource englishBundles() {
		var source = new org.springframework.context.support.ResourceBundleMessageSource();
		source.setBasename("messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

	/** The sentence in English, for an exception's message and the log; the reader sees {@link #render}. */
	public String english() {
		try {
			return render(ENGLISH, Locale.ENGLISH);
		}
		catch (NoSuchMessageException ex) {
			return code + arguments;
		}
	}

	/** The sentence in the locale's language, nested messages first; a list of phrases is joined with semicolons. */
	public String render(MessageSource messages, Locale locale) {
		var rendered = arguments.stream().map(a -> argument(a, messages, locale)).toArray();
		return messages.getMessage(code, rendered, locale);
	}

	private static Object argument(@Nullable Object argument, MessageSource messages, Locale locale) {
		if (argument instanceof Message message) {
			return message.render(messages, locale);
		}
		if (argument instanceof List<?> list) {
			return String.join("; ", list.stream().map(a -> String.valueOf(argument(a, messages, locale))).toList());
		}
		return (argument == null) ? "" : argument;
	}

	/**
	 * A stored text for the reader: a message rendered in the locale's language, a plain sentence from before
	 * messages as it is, and a message whose code no bundle has as its code is never shown (the guards catch it).
	 */
	public static String render(@Nullable String stored, MessageSource messages, Locale locale) {
		var message = decode(stored);
		if (message == null) {
			return (stored == null) ? "" : stored;
		}
		try {
			return message.render(messages, locale);
		}
		catch (NoSuchMessageException ex) {
			return messages.getMessage("message.unknown", null, "…", locale);
		}
	}

}
