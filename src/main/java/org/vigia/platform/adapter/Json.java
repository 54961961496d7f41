package org.vigia.platform.adapter;

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
 * Tolerant reading of platforms' JSON: a field that is missing, null or of an unexpected type reads as null, because
 * servers of different versions and forks leave out or add fields, and AT Protocol records are written by any client.
 */
public final class Json {

	// Only reads trees of other servers' JSON, from static helpers the handle parsers and adapters share outside any
	// Spring context: none of the application's JSON settings applies to a tree, so a private plain mapper is the same.
	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	/** The parsed body, or null when it is not JSON. */
	public static @Nullable JsonNode parse(String body) {
		try {
			return MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	public static @Nullable JsonNode object(@Nullable JsonNode node, String field) {
		var value = (node == null) ? null : node.get(field);
		return (value != null && value.isObject()) ? value : null;
	}

	public static @Nullable String text(@Nullable JsonNode node, String field) {
		var value = (node == null) ? null : node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/** An id sent as a string, or as a number (some Mastodon forks); null when blank. */
	public static @Nullable String id(@Nullable JsonNode node, String field) {
		var value = (node == null) ? null : node.get(field);
		if (value != null && value.isIntegralNumber()) {
			return value.asString();
		}
		var text = text(node, field);
		return (text == null || text.isBlank()) ? null : text;
	}

	public static @Nullable Long number(@Nullable JsonNode node, String field) {
		var value = (node == null) ? null : node.get(field);
		return (value != null && value.isIntegralNumber()) ? value.longValue() : null;
	}

	public static boolean flag(@Nullable JsonNode node, String field) {
		var value = (node == null) ? null : node.get(field);
		return value != null && value.isBoolean() && value.booleanValue();
	}

	/** An ISO-8601 time with an offset; null when absent or not one. */
	public static @Nullable Instant instant(@Nullable JsonNode node, String field) {
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
	public static @Nullable Instant day(@Nullable JsonNode node, String field) {
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
