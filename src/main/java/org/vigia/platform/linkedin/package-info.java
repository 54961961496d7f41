/** LinkedIn company and school pages: the vanity names and page links people paste. */
@NullMarked
package org.vigia.platform.linkedin;

import org.jspecify.annotations.NullMarked;
