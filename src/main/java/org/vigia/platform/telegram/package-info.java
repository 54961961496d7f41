/** Public Telegram channels, read from the web preview Telegram serves without an account. */
@NullMarked
package org.vigia.platform.telegram;

import org.jspecify.annotations.NullMarked;
