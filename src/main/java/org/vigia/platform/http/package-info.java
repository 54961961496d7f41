/**
 * The one guarded HTTP client through which all platform traffic goes; other modules that must reach a network
 * themselves (the connections' OAuth token exchange) use it through this named interface.
 */
@NullMarked
@NamedInterface("http")
package org.vigia.platform.http;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
