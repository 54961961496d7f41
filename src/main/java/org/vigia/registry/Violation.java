package org.vigia.registry;

/** One thing wrong with what a user sent: the field (CSV column or JSON property) and what was expected. */
public record Violation(String field, String message) {
}
