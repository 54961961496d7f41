package org.vigia.people;

/** Where a person comes from: the configuration (kept in step at every start), an administrator, or single sign-on. */
public enum Source {
	ENV, LOCAL, SSO
}
