package org.vigia.health;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.vigia.polling.AccountsChecked;

/**
 * Evaluates accounts as soon as their checks are recorded, in the same transaction: a poll run completes only once its
 * accounts were evaluated, and a failed evaluation leaves the checks unrecorded (they are retried), never half-done.
 */
@Component
class ChecksListener {

	private final Evaluator evaluator;

	ChecksListener(Evaluator evaluator) {
		this.evaluator = evaluator;
	}

	@EventListener
	void on(AccountsChecked event) {
		evaluator.evaluate(event.accountIds());
	}

}
