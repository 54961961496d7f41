/**
 * Recertification: every cadence, the people who run each official account confirm by mail, with one click and no
 * account in Vigía, that it is still the institution's, still needed and safely held; their answers are records, and
 * what they say (or their silence) opens findings.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "common", "platform", "registry", "health", "alerts" })
package org.vigia.recertification;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
