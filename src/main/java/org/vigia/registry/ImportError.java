package org.vigia.registry;

import org.jspecify.annotations.Nullable;

/**
 * One problem in a registry CSV: the line as an editor counts it (the header is line 1), the column (null when the
 * problem is the whole line), and what was expected.
 */
public record ImportError(int line, @Nullable String column, String message) {
}
