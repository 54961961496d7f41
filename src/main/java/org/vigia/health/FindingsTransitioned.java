package org.vigia.health;

import java.util.List;

/**
 * Published inside the transaction that recorded the transitions, so that what listeners write (the alerts' outbox)
 * commits with them or not at all: each transition is seen exactly once, however many instances evaluate.
 */
public record FindingsTransitioned(List<FindingTransition> transitions) {

	public FindingsTransitioned {
		transitions = List.copyOf(transitions);
	}

}
