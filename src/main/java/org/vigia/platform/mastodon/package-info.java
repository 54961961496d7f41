/** Mastodon accounts, checked through the public REST API of the server each account lives on. */
@NullMarked
package org.vigia.platform.mastodon;

import org.jspecify.annotations.NullMarked;
