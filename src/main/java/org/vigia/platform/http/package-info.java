/** The one guarded HTTP client through which all platform traffic goes. */
@NullMarked
package org.vigia.platform.http;

import org.jspecify.annotations.NullMarked;
