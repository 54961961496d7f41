/**
 * Threads profiles: the handles and profile links people paste, the adapter that reads a profile through the
 * connection its owner granted, and Threads' own steps around that authorization (60-day tokens).
 */
@NullMarked
package org.vigia.platform.threads;

import org.jspecify.annotations.NullMarked;
