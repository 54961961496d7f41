package org.vigia.audit;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's settings.
 * @param retention how long events are kept ({@code VIGIA_AUDIT_RETENTION}, an ISO-8601 period, P5Y by default)
 */
@ConfigurationProperties("vigia.audit")
record AuditProperties(@DefaultValue("P5Y") Period retention) {
}
