/** Polling: Quartz-scheduled checks of every account, poll runs, the check history and each account's current state. */
@NullMarked
@ApplicationModule(allowedDependencies = { "runs", "common", "platform", "registry" })
package org.vigia.polling;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
