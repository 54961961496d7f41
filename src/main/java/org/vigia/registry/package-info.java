/** The registry: organizations, their units and the official accounts they run, with CSV import and export. */
@NullMarked
package org.vigia.registry;

import org.jspecify.annotations.NullMarked;
