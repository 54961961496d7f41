/** What the platform adapters share: adding up a check's requests, and turning HTTP answers into check results. */
@NullMarked
package org.vigia.platform.adapter;

import org.jspecify.annotations.NullMarked;
