package org.vigia.health;

/** What happened to a finding. */
public enum TransitionKind {

	/** The condition appeared. */
	OPENED,

	/** The evidence changed materially while the finding stood (for example NOT_FOUND became SUSPENDED). */
	UPDATED,

	/** The condition cleared, or the finding was superseded by a graver one. */
	RESOLVED,

	/** The condition came back, a dismissal expired or the evidence changed under it, or a person reopened it. */
	REOPENED,

	/** A person took it on. */
	ACKNOWLEDGED,

	/** A person dismissed it. */
	DISMISSED

}
