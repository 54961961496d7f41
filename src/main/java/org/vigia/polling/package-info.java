/** Polling: Quartz-scheduled checks of every account, poll runs, the check history and each account's current state. */
@NullMarked
package org.vigia.polling;

import org.jspecify.annotations.NullMarked;
