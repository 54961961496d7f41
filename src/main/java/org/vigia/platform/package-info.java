/** The social networks Vigía knows and the canonical form of an account's handle on each. */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package org.vigia.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
