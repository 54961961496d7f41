/** The REST API and, later, the dashboard, with the security that guards both. */
@NullMarked
package org.vigia.web;

import org.jspecify.annotations.NullMarked;
