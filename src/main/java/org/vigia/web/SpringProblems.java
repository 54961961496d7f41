package org.vigia.web;

import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.http.ProblemDetail;
import org.springframework.util.MimeType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import org.vigia.platform.Message;

/**
 * The problem details of Spring's own errors (a method not allowed, a content type not read, no such address) in the
 * caller's language: the status's title and a sentence of Vigía's bundles instead of Spring's English.
 */
final class SpringProblems {

	private static final int LONGEST_VALUE = 100;

	private SpringProblems() {
	}

	/** Replaces the problem's title and detail with the bundles' and adds their {@code code}. */
	static void translate(ProblemDetail problem, Exception ex, MessageSource messages, Locale locale) {
		int status = problem.getStatus();
		problem.setTitle(messages.getMessage("problem.title.status." + status, null,
				messages.getMessage("problem.title.status.other", null, "Error", locale), locale));
		var detail = detail(ex, status, messages, locale);
		problem.setDetail(detail.render(messages, locale));
		problem.setProperty("code", detail.code());
	}

	private static Message detail(Exception ex, int status, MessageSource messages, Locale locale) {
		return switch (ex) {
			case HttpRequestMethodNotSupportedException method -> Message.of("problem.status.405", method.getMethod(),
					join(method.getSupportedHttpMethods()));
			case HttpMediaTypeNotSupportedException type -> Message.of("problem.status.415",
					String.valueOf(type.getContentType()), join(type.getSupportedMediaTypes()));
			case HttpMediaTypeNotAcceptableException type -> Message.of("problem.status.406",
					join(type.getSupportedMediaTypes()));
			case NoResourceFoundException missing -> Message.of("problem.status.404",
					shorten("/" + missing.getResourcePath()));
			default -> has("problem.status." + status, messages, locale) ? Message.of("problem.status." + status)
					: Message.of("problem.status.other");
		};
	}

	private static boolean has(String code, MessageSource messages, Locale locale) {
		try {
			messages.getMessage(code, null, locale);
			return true;
		}
		catch (NoSuchMessageException ex) {
			return false;
		}
	}

	private static String join(@Nullable Iterable<?> values) {
		if (values == null) {
			return "";
		}
		var joined = new java.util.ArrayList<String>();
		values.forEach((value) -> joined.add((value instanceof MimeType type) ? type.toString() : String.valueOf(value)));
		return joined.stream().collect(Collectors.joining(", "));
	}

	/** A value the caller sent, short enough to quote back. */
	static String shorten(String value) {
		var line = value.replaceAll("\\s+", " ");
		return (line.length() <= LONGEST_VALUE) ? line : line.substring(0, LONGEST_VALUE - 1) + "…";
	}


}
