/**
 * The public directory: the official accounts of organizations that publish them, verification of any pasted account
 * for citizens, the registry as open data (DCAT-AP), and citizens' reports of suspicious accounts; without login.
 */
@NullMarked
package org.vigia.publication;

import org.jspecify.annotations.NullMarked;
