/** X (formerly Twitter) accounts: the handles and profile links people paste. */
@NullMarked
package org.vigia.platform.x;

import org.jspecify.annotations.NullMarked;
