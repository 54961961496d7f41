/**
 * The public directory: the official accounts of organizations that publish them, verification of any pasted account
 * for citizens, the registry as open data (DCAT-AP), and citizens' reports of suspicious accounts; without login.
 */
@ApplicationModule(allowedDependencies = { "common", "platform", "registry", "health", "discovery", "discovery :: scoring" })
@NullMarked
package org.vigia.publication;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
