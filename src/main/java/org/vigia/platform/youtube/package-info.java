/** YouTube channels: the forms people paste (channel ids, @handles, legacy user and custom names). */
@NullMarked
package org.vigia.platform.youtube;

import org.jspecify.annotations.NullMarked;
