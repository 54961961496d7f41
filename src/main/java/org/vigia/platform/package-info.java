/** The social networks Vigía knows and the canonical form of an account's handle on each. */
@NullMarked
package org.vigia.platform;

import org.jspecify.annotations.NullMarked;
