/**
 * Health: rules that turn what polling saw and what the registry says into findings (abandoned, gone, unowned, ...),
 * and the findings' lifecycle: open, update, resolve by themselves, acknowledged, dismissed and reopened by people.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "common", "platform", "registry", "polling", "connections" })
package org.vigia.health;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
