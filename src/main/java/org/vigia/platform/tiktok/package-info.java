/** TikTok accounts: the handles and profile links people paste. */
@NullMarked
package org.vigia.platform.tiktok;

import org.jspecify.annotations.NullMarked;
