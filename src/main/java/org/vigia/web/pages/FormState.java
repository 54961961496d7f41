package org.vigia.web.pages;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Message;
import org.vigia.registry.Violation;

/**
 * What a person typed into a form the registry refused, and why, field by field: kept in the session for the one
 * redirect back to the form (post/redirect/get), so the form shows every message next to its field with the input
 * kept. Serializable because it travels as a flash attribute.
 */
record FormState(LinkedHashMap<String, String> values, LinkedHashMap<String, ArrayList<String>> errors,
		ArrayList<String> general) implements Serializable {

	static FormState empty() {
		return new FormState(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
	}

	/** A form as sent: blank fields are kept as empty strings so the page shows them as sent. */
	static FormState of(Map<String, @Nullable String> sent) {
		var values = new LinkedHashMap<String, String>();
		sent.forEach((name, value) -> values.put(name, (value == null) ? "" : value));
		return new FormState(values, new LinkedHashMap<>(), new ArrayList<>());
	}

	/**
	 * Files each violation under the form field it concerns; one that names no field of this form is shown above it.
	 * @param fieldOf the form field a violation's field (an API property name) is entered in
	 */
	FormState rejected(List<Violation> violations, UnaryOperator<String> fieldOf) {
		for (var violation : violations) {
			var field = fieldOf.apply(violation.field());
			if (values.containsKey(field)) {
				errors.computeIfAbsent(field, f -> new ArrayList<>()).add(violation.said().encode());
			}
			else {
				general.add(Message.of("violation.field", violation.field(), violation.said()).encode());
			}
		}
		return this;
	}

	FormState rejected(String message) {
		general.add(message);
		return this;
	}

	public String value(String field) {
		return values.getOrDefault(field, "");
	}

	public boolean invalid(String field) {
		return errors.containsKey(field);
	}

	public List<String> errors(String field) {
		return errors.getOrDefault(field, new ArrayList<>());
	}

	public boolean hasErrors() {
		return !errors.isEmpty() || !general.isEmpty();
	}

	/** A list typed into one box, one item per line or separated by commas (or by semicolons or spaces, if asked). */
	static List<String> items(@Nullable String text, boolean splitOnSpaces) {
		if (text == null) {
			return List.of();
		}
		return Arrays.stream(text.split(splitOnSpaces ? "[,;\\s]+" : "[,\\r\\n]+"))
			.map(String::strip)
			.filter(item -> !item.isEmpty())
			.toList();
	}

}
