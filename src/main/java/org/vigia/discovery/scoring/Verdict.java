package org.vigia.discovery.scoring;

/** What a candidate is to the institution, which decides the finding it raises, if any. */
public enum Verdict {

	/** The account is in the registry already: nothing to report. */
	REGISTERED,

	/** Outside the registry but proves official control: an UNREGISTERED finding. */
	UNREGISTERED,

	/** At or above the threshold without proof of control: an IMPERSONATION finding. */
	IMPERSONATION,

	/** Below the threshold: not reported. */
	BELOW_THRESHOLD

}
