/** The REST API and, later, the dashboard, with the security that guards both. */
@NullMarked
@ApplicationModule(allowedDependencies = { "runs", "common", "platform", "registry", "polling", "health", "overview", "discovery", "alerts", "connections", "recertification", "people", "audit" })
package org.vigia.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
