/**
 * Runs: the mechanism poll runs and discovery runs share. A run is a row with a status and a row per item to work
 * on; workers are Quartz jobs on any node of the cluster that claim items until none is left, a dead node's claims are
 * void, and the cluster sees every run to its end. Each module keeps its runs in its own tables and says which.
 */
@ApplicationModule(allowedDependencies = { "platform" })
@NullMarked
package org.vigia.runs;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
