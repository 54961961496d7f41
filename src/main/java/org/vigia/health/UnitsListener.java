package org.vigia.health;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.vigia.registry.UnitChanged;

/**
 * Judges a unit's findings again as soon as its registry entry changes, in the same transaction: marking a press office
 * as running many accounts by design resolves its finding there and then, and a new name shows in its subject. Should
 * the evaluation fail, the change stands all the same, and the next sweep judges the unit.
 */
@Component
class UnitsListener {

	private static final Logger log = LoggerFactory.getLogger(UnitsListener.class);

	private final Evaluator evaluator;

	private final MeterRegistry meters;

	UnitsListener(Evaluator evaluator, MeterRegistry meters) {
		this.evaluator = evaluator;
		this.meters = meters;
	}

	@EventListener
	void on(UnitChanged event) {
		try {
			evaluator.evaluateUnit(event.unitId());
		}
		catch (RuntimeException ex) {
			meters.counter("vigia.health.evaluation.failures").increment();
			log.error("Evaluating unit {} after its change failed; the next sweep evaluates it again", event.unitId(), ex);
		}
	}

}
