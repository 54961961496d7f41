/** Instagram and Threads accounts, which share their user names: the handles and profile links people paste. */
@NullMarked
package org.vigia.platform.instagram;

import org.jspecify.annotations.NullMarked;
