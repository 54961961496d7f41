/** What every network's handle parser shares: the checks each input goes through and the parsing of profile links. */
@NullMarked
package org.vigia.platform.handle;

import org.jspecify.annotations.NullMarked;
