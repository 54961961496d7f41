/**
 * Alerts: what each finding transition means for whom, written in the transaction that recorded it, and the mails
 * composed from that: grouped per recipient, rendered in their language, delivered from an outbox, each once.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "common", "platform", "registry", "health", "discovery", "overview" })
package org.vigia.alerts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
