/**
 * Look-alike handles of an official account, generated the way impersonators and typos make them, ranked so that the
 * platform lookups with a limited budget probe the likeliest first.
 */
@NullMarked
package org.vigia.discovery.permutation;

import org.jspecify.annotations.NullMarked;
