/**
 * The read side of health: each account's health as the dashboard, the API and the reports show it, kept in a
 * snapshot table, the overview per organization and unit, and the account directory. Downstream of health: it reads
 * the views the registry, polling and health publish, and no rule depends on it.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "common", "platform", "registry", "polling", "health", "connections" })
package org.vigia.overview;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
