/** Discovery: look-alike candidates (platform search, handle permutations) and their scoring. */
@NullMarked
package org.vigia.discovery;

import org.jspecify.annotations.NullMarked;
