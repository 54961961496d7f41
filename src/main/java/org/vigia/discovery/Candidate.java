package org.vigia.discovery;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.vigia.platform.FoundAccount;

/** An account outside the registry that some source brought up, with where it came from, for the evidence. */
final class Candidate {

	FoundAccount account;

	final Set<String> sources = new LinkedHashSet<>();

	/** The official account's handle it took over, when it came up as a released handle answering again. */
	DiscoveryRepository.@Nullable Released released;

	Candidate(FoundAccount account) {
		this.account = DiscoveryRepository.storable(account);
	}

	String describe() {
		return account.address().handle() + " on " + account.address().platform().label();
	}

}
