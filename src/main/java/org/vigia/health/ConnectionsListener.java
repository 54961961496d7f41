package org.vigia.health;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.vigia.connections.ConnectionsChanged;

/**
 * Judges ACCESS_LOST and CONNECTION_EXPIRING as soon as connections change (granted, refused, expired, disconnected), in
 * the same transaction behind a savepoint. Should that fail, the change stands all the same and the next sweep judges
 * them.
 */
@Component
class ConnectionsListener {

	private static final Logger log = LoggerFactory.getLogger(ConnectionsListener.class);

	private final ConnectionFindings findings;

	private final MeterRegistry meters;

	private final Clock clock;

	ConnectionsListener(ConnectionFindings findings, MeterRegistry meters, Clock clock) {
		this.findings = findings;
		this.meters = meters;
		this.clock = clock;
	}

	@EventListener
	void on(ConnectionsChanged event) {
		try {
			findings.evaluate(event.connectionIds(), event.accountIds(), clock.instant());
		}
		catch (RuntimeException ex) {
			meters.counter("vigia.health.evaluation.failures").increment();
			log.error("Judging connections {} after their change failed; the next sweep judges them again",
					event.connectionIds(), ex);
		}
	}

}
