package org.vigia.runs;

/** Why the cluster gave a run up as FAILED. */
public enum RunFailure {

	/** Its workers could not be handed to the scheduler. */
	NOT_SCHEDULED,

	/** Its workers stopped, were restarted, and stopped again without working off an item, several times in a row. */
	WORKERS_STOPPED

}
