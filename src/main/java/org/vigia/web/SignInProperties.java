package org.vigia.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people may sign in besides single sign-on.
 * @param localLogin false: no password is accepted, not on the form nor with HTTP Basic (the configuration's users
 * included); people sign in through single sign-on, scripts with API tokens
 */
@ConfigurationProperties("vigia.security")
record SignInProperties(@DefaultValue("true") boolean localLogin) {
}
