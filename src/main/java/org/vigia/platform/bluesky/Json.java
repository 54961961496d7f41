package org.vigia.platform.bluesky;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tolerant reading of the AppView's JSON: a field that is missing, null or of an unexpected type reads as null, as
 * lexicons gain optional fields and records are written by any client.
 */
final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	/** The parsed body, or null when it is not JSON. */
	static @Nullable JsonNode parse(String body) {
		try {
			return MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	static @Nullable JsonNode object(@Nullable JsonNode node, String field) {
		var value = (node == null) ? null : node.get(field);
		return (value != null && value.isObject()) ? value : null;
	}

	static @Nullable String text(@Nullable JsonNode node, String field) {
		var value = (node == null) ? null : node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	static @Nullable Long number(@Nullable JsonNode node, String field) {
		var value = (node == null) ? null : node.get(field);
		return (value != null && value.isIntegralNumber()) ? value.longValue() : null;
	}

	/** An AT Protocol datetime; null when absent or not one (records are written by any client). */
	static @Nullable Instant instant(@Nullable JsonNode node, String field) {
		var text = text(node, field);
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
