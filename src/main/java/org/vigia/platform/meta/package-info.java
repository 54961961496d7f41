/**
 * Meta's Graph API as Vigía's Facebook, Instagram and Threads adapters call it: {@code appsecret_proof} on every
 * call, Meta's usage headers and throttling codes, and its error objects.
 */
@NullMarked
package org.vigia.platform.meta;

import org.jspecify.annotations.NullMarked;
