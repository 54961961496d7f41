package org.vigia.connections;

import org.springframework.context.ApplicationContext;

/** Runs the connections' lifecycle pass (refreshes, expiries) for tests of other packages, as its Quartz job would. */
public final class ConnectionLifecycleCalls {

	private ConnectionLifecycleCalls() {
	}

	public static void run(ApplicationContext context) {
		context.getBean(ConnectionLifecycle.class).run();
	}

}
