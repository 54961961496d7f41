/**
 * People: the users kept in Vigía (created at start-up from the configuration, by administrators, or at a first
 * single sign-on), the roles they are granted, the password check behind the login form and HTTP Basic, and the API
 * tokens scripts send instead of a password.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "common" })
package org.vigia.people;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
