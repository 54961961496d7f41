package org.vigia.web;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;
import org.vigia.platform.Message;

/**
 * What Spring Boot answers for an error that no controller's handler turned into a problem detail (one raised in a
 * servlet filter, or a status sent with {@code sendError}): its JSON keeps Spring Boot's fields for scripts
 * ({@code timestamp}, {@code status}, {@code error}, {@code path}) but says them in the caller's language, as the API's
 * problem details do: {@code error} and {@code title} are the status's name, {@code detail} says what it means, and
 * {@code code} is the sentence's message code. A server error never shows the exception's own words, which may name
 * Vigía's insides; the error page reads the same attributes.
 */
@Component
class LocalizedErrorAttributes extends DefaultErrorAttributes {

	private final MessageSource messages;

	LocalizedErrorAttributes(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		var attributes = super.getErrorAttributes(request, options);
		if (!(attributes.get("status") instanceof Integer status)) {
			return attributes;
		}
		var locale = LocaleContextHolder.getLocale();
		var resolved = HttpStatus.resolve(status);
		var reason = (resolved != null) ? resolved.getReasonPhrase() : "Error";
		var title = messages.getMessage("problem.title.status." + status, null,
				messages.getMessage("problem.title.status.other", null, reason, locale), locale);
		Message detail = switch (status) {
			case 400, 500, 503 -> Message.of("problem.status." + status);
			case 404 -> Message.of("problem.status.404", String.valueOf(attributes.getOrDefault("path", "")));
			default -> Message.of("problem.status.other");
		};
		var said = detail.render(messages, locale);
		attributes.put("error", title);
		attributes.put("title", title);
		attributes.put("detail", said);
		attributes.put("code", detail.code());
		if (status >= 500 && attributes.containsKey("message")) {
			attributes.put("message", said);
		}
		return attributes;
	}

}
