package org.vigia.discovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.vigia.health.LookalikeVerdict;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.FoundAccount;
import org.vigia.platform.HandleProbe;

/**
 * One organization's examination as it goes through the pipeline: the candidates the sources bring up, the verdicts
 * already reached (on look-alikes reported before), what was asked of the platforms, and what an exception kept from
 * being examined. Counted from several probing threads.
 */
final class Examination {

	private static final Logger log = LoggerFactory.getLogger(Discoverer.class);

	final DiscoveryRepository.Organization organization;

	final List<DiscoveryRepository.Official> officials;

	final Instant now;

	/** By {@link DiscoveryRepository#key}, in the order they came up. */
	final Map<String, Candidate> candidates = new LinkedHashMap<>();

	/** The platforms' answers about handles probed one at a time in this examination, the freshest there are. */
	final Map<AccountAddress, HandleProbe> fresh = new HashMap<>();

	/** Verdicts reached without scoring: held or cleared look-alikes reported before. */
	final List<LookalikeVerdict> verdicts = new ArrayList<>();

	/** The look-alikes reported before, by key: their verdict is recorded whatever it is, so that they resolve. */
	final Set<String> standing = new LinkedHashSet<>();

	final AtomicInteger searches = new AtomicInteger();

	final AtomicInteger probes = new AtomicInteger();

	final AtomicInteger requests = new AtomicInteger();

	final AtomicInteger unanswered = new AtomicInteger();

	int releasedWatched;

	private final Set<String> failedAccounts = ConcurrentHashMap.newKeySet();

	Examination(DiscoveryRepository.Organization organization, List<DiscoveryRepository.Official> officials,
			Instant now) {
		this.organization = organization;
		this.officials = officials;
		this.now = now;
	}

	long organizationId() {
		return organization.id();
	}

	/** The candidate for this account, added on first sight. */
	Candidate candidate(FoundAccount account) {
		var key = DiscoveryRepository.key(account.address().platform(), account.address().handle());
		return candidates.computeIfAbsent(key, k -> new Candidate(account));
	}

	/**
	 * Notes what an exception kept from being examined: logged with the candidate (or official account) and the
	 * organization, counted once per account; the examination goes on without it.
	 */
	void error(String account, String what, RuntimeException ex) {
		failedAccounts.add(account);
		log.warn("Discovery could not {} {} for organization {} ({}); the examination goes on without it", what,
				account, organization.id(), organization.name(), ex);
	}

	int errors() {
		return failedAccounts.size();
	}

}
