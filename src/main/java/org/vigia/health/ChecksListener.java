package org.vigia.health;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.vigia.polling.AccountsChecked;

/**
 * Evaluates accounts as soon as their checks are recorded, in the same transaction: a poll run completes only once its
 * accounts were evaluated. Should an evaluation fail, the checks are recorded all the same (what was seen is never
 * lost to a bug in a rule), the failure is logged and counted, and the next sweep evaluates the accounts again. A lock
 * conflict is passed on instead, so that the poller records the checks and evaluates them again.
 */
@Component
class ChecksListener {

	private static final Logger log = LoggerFactory.getLogger(ChecksListener.class);

	private final Evaluator evaluator;

	private final MeterRegistry meters;

	ChecksListener(Evaluator evaluator, MeterRegistry meters) {
		this.evaluator = evaluator;
		this.meters = meters;
	}

	@EventListener
	void on(AccountsChecked event) {
		try {
			evaluator.evaluateNested(event.accountIds());
		}
		catch (PessimisticLockingFailureException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			meters.counter("vigia.health.evaluation.failures").increment();
			log.error("Evaluating {} checked accounts failed; the next sweep evaluates them again",
					event.accountIds().size(), ex);
		}
	}

}
