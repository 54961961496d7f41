/**
 * The database Vigía runs on when none is configured: a real PostgreSQL 17 of its own, kept in a data directory.
 */
@NullMarked
package org.vigia.database;

import org.jspecify.annotations.NullMarked;
