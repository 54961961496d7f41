/**
 * Connections: the authorizations institutions grant Vigía on networks that answer only an authorized app, their
 * tokens kept encrypted at rest, the OAuth flows that create them, their refresh and their loss, and the credentials
 * the platform adapters read accounts with.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "common", "platform", "platform :: http" })
package org.vigia.connections;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
