/** RSS, RDF and Atom feeds, YouTube channel feeds among them: the accounts whose posts are a feed's items. */
@NullMarked
package org.vigia.platform.feed;

import org.jspecify.annotations.NullMarked;
