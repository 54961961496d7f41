/**
 * The database Vigía runs on when none is configured: a real PostgreSQL 17 of its own, kept in a data directory.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package org.vigia.database;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
