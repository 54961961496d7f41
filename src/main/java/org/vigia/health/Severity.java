package org.vigia.health;

/** How urgent a finding is: HIGH findings are mailed at once, the others go into digests. */
public enum Severity {

	LOW, MEDIUM, HIGH

}
