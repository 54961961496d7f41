/** Bluesky accounts, checked through the public AppView without authentication. */
@NullMarked
package org.vigia.platform.bluesky;

import org.jspecify.annotations.NullMarked;
