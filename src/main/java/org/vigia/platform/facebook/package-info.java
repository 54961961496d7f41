/** Facebook Pages: the handles, profile links and page ids people paste. */
@NullMarked
package org.vigia.platform.facebook;

import org.jspecify.annotations.NullMarked;
