/**
 * The audit trail: every {@link org.vigia.common.Audited} event, with who did it, when and from which address, kept
 * append-only in {@code audit_event} for {@code vigia.audit.retention} (five years by default), and read by
 * administrators and auditors through the API.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "common" })
package org.vigia.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
