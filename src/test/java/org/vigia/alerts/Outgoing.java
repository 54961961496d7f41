package org.vigia.alerts;

import org.springframework.context.ApplicationContext;

/** For other modules' tests: sends the outbox's pending mails now, as the delivery job would. */
public final class Outgoing {

	private Outgoing() {
	}

	public static int send(ApplicationContext context) {
		return context.getBean(AlertSender.class).send();
	}

}
