/**
 * Facebook Pages: the handles and profile links people paste, the adapter that reads a Page through the Graph API
 * with the Page's token, and Facebook Login for Business, through which a person who manages Pages connects them.
 */
@NullMarked
package org.vigia.platform.facebook;

import org.jspecify.annotations.NullMarked;
