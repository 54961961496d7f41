/**
 * Discovery: look-alike candidates (platform search, handle permutations) and their scoring.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "runs", "common", "platform", "registry", "polling", "health" })
package org.vigia.discovery;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
