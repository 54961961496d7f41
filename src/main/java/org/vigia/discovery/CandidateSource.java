package org.vigia.discovery;

/**
 * One way of bringing up look-alike candidates for an organization: platform search, handle permutations, released
 * handles, look-alikes reported before. A source adds what it finds to the examination and counts what it asked of the
 * platforms there; a platform that did not answer adds nothing, so that nothing is concluded from it.
 */
interface CandidateSource {

	void gather(Examination examination);

}
