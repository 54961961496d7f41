package org.vigia.registry;

import org.jspecify.annotations.Nullable;

/** An account with the names of its organization and unit, as lists and pages show it. */
public record AccountEntry(Account account, String organization, @Nullable String unit) {
}
