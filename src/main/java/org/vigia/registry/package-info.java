/** The registry: organizations, their units and the official accounts they run, with CSV import and export. */
@NullMarked
@ApplicationModule(allowedDependencies = { "common", "platform" })
package org.vigia.registry;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
