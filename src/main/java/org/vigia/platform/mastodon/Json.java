package org.vigia.platform.mastodon;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tolerant reading of Mastodon's JSON: a field that is missing, null or of an unexpected type reads as null, because
 * servers of different versions and forks (Pleroma, GoToSocial) leave out or add fields.
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

	/** Mastodon sends ids as strings; some forks send numbers. */
	static @Nullable String id(@Nullable JsonNode node, String field) {
		var value = (node == null) ? null : node.get(field);
		if (value != null && value.isIntegralNumber()) {
			return value.asString();
		}
		var text = text(node, field);
		return (text == null || text.isBlank()) ? null : text;
	}

	static @Nullable Long number(@Nullable JsonNode node, String field) {
		var value = (node == null) ? null : node.get(field);
		return (value != null && value.isIntegralNumber()) ? value.longValue() : null;
	}

	static boolean flag(@Nullable JsonNode node, String field) {
		var value = (node == null) ? null : node.get(field);
		return value != null && value.isBoolean() && value.booleanValue();
	}

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

	/** A date (Mastodon's {@code last_status_at} since 3.1) as the start of its day in UTC, or a full time. */
	static @Nullable Instant day(@Nullable JsonNode node, String field) {
		var text = text(node, field);
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			// Servers before 3.1 sent a full timestamp.
			return instant(node, field);
		}
	}

}
