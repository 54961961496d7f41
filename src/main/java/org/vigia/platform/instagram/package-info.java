/**
 * Instagram professional accounts: the handles and profile links people paste, and the adapter that reads them through
 * a connection of the account's organization (its Page's token, or Business Discovery).
 */
@NullMarked
package org.vigia.platform.instagram;

import org.jspecify.annotations.NullMarked;
