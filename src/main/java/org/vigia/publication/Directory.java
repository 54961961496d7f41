package org.vigia.publication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.vigia.discovery.LookalikeScoring;
import org.vigia.discovery.scoring.Identity;
import org.vigia.discovery.scoring.Institution;
import org.vigia.discovery.scoring.PreparedInstitution;
import org.vigia.discovery.scoring.Score;
import org.vigia.health.PublicVerdicts;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.registry.AccountStatus;
import org.vigia.registry.PublishedAccount;
import org.vigia.registry.PublishedOrganization;
import org.vigia.registry.PublishedRegistry;
import org.vigia.registry.Registry;

/**
 * Answers citizens' questions from the registry: which accounts an organization publishes, and whether a pasted
 * account is official, formerly official, a confirmed impersonator or unknown. Only organizations that publish their
 * directory exist here: about the others it knows nothing, and says so in the same words as about an unknown one.
 */
@Service
class Directory {

	/** How long a prepared institution is reused for scoring; the registry changes far less often. */
	private static final Duration PREPARED_FOR = Duration.ofMinutes(10);

	private final PublishedRegistry published;

	private final Registry registry;

	private final PublicVerdicts verdicts;

	private final LookalikeScoring scoring;

	private final Clock clock;

	/** How many organizations resembling an account outside every registry are scored to suggest one. */
	private static final int SUGGESTED_AMONG = 3;

	private final Map<Long, Prepared> prepared = new ConcurrentHashMap<>();

	private final Map<Long, Listed> listed = new ConcurrentHashMap<>();

	private volatile @Nullable Resemblance resemblance;

	private record Prepared(Instant version, Instant at, PreparedInstitution institution) {
	}

	/** An organization's official accounts as of a version of its directory, all and by network. */
	private record Listed(Instant version, int count, List<PublicAccount> accounts,
			Map<String, List<PublicAccount>> byNetwork, Verification.Listing listing) {

		static Listed of(PublishedOrganization organization, List<PublicAccount> accounts) {
			var byNetwork = new HashMap<String, List<PublicAccount>>();
			for (var account : accounts) {
				byNetwork.computeIfAbsent(account.network(), network -> new ArrayList<>()).add(account);
			}
			byNetwork.replaceAll((network, theirs) -> List.copyOf(theirs));
			return new Listed(organization.updatedAt(), organization.accounts(), accounts, Map.copyOf(byNetwork),
					new Verification.Listing(organization.id(),
							organization.updatedAt() + " " + organization.accounts()));
		}

	}

	/** The official accounts of an organization on one network, and which version of its directory they are. */
	private record OnNetwork(List<PublicAccount> accounts, Verification.@Nullable Listing listing) {

		static final OnNetwork NONE = new OnNetwork(List.of(), null);

	}

	/** An organization's best score for an account outside its registry. */
	record Match(PublishedOrganization organization, AccountAddress address, Score score, boolean registered,
			int threshold) {
	}

	Directory(PublishedRegistry published, Registry registry, PublicVerdicts verdicts, LookalikeScoring scoring,
			Clock clock) {
		this.published = published;
		this.registry = registry;
		this.verdicts = verdicts;
		this.scoring = scoring;
		this.clock = clock;
	}

	Optional<PublishedOrganization> organization(String slug) {
		return published.organization(slug);
	}

	List<PublishedOrganization> organizations() {
		return published.organizations();
	}

	/**
	 * The organization's official accounts, by network, unit and handle: read once per version of its directory (the
	 * latest change to it, its units or its accounts, and how many it lists), so that a busy directory is not read
	 * again for every visitor.
	 */
	List<PublicAccount> accounts(PublishedOrganization organization) {
		var found = listed(organization);
		return (found != null) ? found.accounts() : List.of();
	}

	private @Nullable Listed listed(PublishedOrganization organization) {
		if (organization.accounts() < 0) {
			// From the list of every publishing organization, which does not count their accounts.
			var counted = published.organization(organization.id());
			if (counted.isEmpty()) {
				return null;
			}
			organization = counted.get();
		}
		var cached = listed.get(organization.id());
		if (cached != null && cached.version().equals(organization.updatedAt())
				&& cached.count() == organization.accounts()) {
			return cached;
		}
		var accounts = published.accounts(organization.id()).stream().map(PublicAccount::of).toList();
		var fresh = Listed.of(organization, accounts);
		listed.put(organization.id(), fresh);
		return fresh;
	}

	/**
	 * What the directory says about a pasted handle or URL.
	 * @param context the organization the visitor came from, whose accounts an unknown answer lists
	 * @param suggest whether, without a context, an unknown answer names the organization the account resembles
	 * most (scoring it against every publishing organization: for a person's page, not for the API's fast 404)
	 * @throws IllegalArgumentException when no network reads the input as an account
	 */
	Verification verify(String pasted, @Nullable PublishedOrganization context, boolean suggest) {
		var addresses = Platform.readAny(pasted);
		if (addresses.isEmpty()) {
			throw new PublicInputException(Message.of("public.verify.invalid", pasted.strip()));
		}
		for (var impersonation : verdicts.confirmed(addresses)) {
			var publishing = published.organization(impersonation.organizationId());
			if (publishing.isEmpty()) {
				continue;
			}
			var organization = publishing.get();
			var theirs = onNetwork(organization, impersonation.platform());
			return new Verification(Verification.Status.IMPERSONATOR, impersonation.platform().id(),
					impersonation.handle(), publicOrganization(organization), null, impersonation.publishedAt(), false,
					theirs.accounts(), theirs.listing());
		}
		var found = published.find(addresses);
		var taken = new HashMap<Long, PublicVerdicts.TakenHandle>();
		verdicts.taken(addresses).forEach(handle -> taken.put(handle.accountId(), handle));
		PublishedAccount formerly = null;
		for (var account : found) {
			var handle = taken.get(account.accountId());
			if (account.status() == AccountStatus.ACTIVE && handle == null) {
				return new Verification(Verification.Status.OFFICIAL, account.platform().id(), account.handle(),
						publicOrganization(account), PublicAccount.of(account), null, false, List.of(), null);
			}
			if (formerly == null) {
				formerly = account;
			}
		}
		if (formerly != null) {
			var handle = taken.get(formerly.accountId());
			var since = (handle != null && handle.releasedAt() != null) ? handle.releasedAt() : formerly.archivedAt();
			var retired = formerly;
			var theirs = published.organization(formerly.organizationId())
				.map(o -> onNetwork(o, retired.platform()))
				.orElse(OnNetwork.NONE);
			return new Verification(Verification.Status.FORMERLY_OFFICIAL, formerly.platform().id(), formerly.handle(),
					publicOrganization(formerly), PublicAccount.of(formerly), since, handle != null, theirs.accounts(),
					theirs.listing());
		}
		var address = addresses.getFirst();
		var organization = context;
		if (organization == null && suggest) {
			organization = bestMatch(addresses).map(Match::organization).orElse(null);
		}
		var theirs = (organization != null) ? onNetwork(organization, address.platform()) : OnNetwork.NONE;
		return new Verification(Verification.Status.NOT_FOUND, address.platform().id(), address.handle(),
				(organization != null) ? publicOrganization(organization) : null, null, null, false, theirs.accounts(),
				theirs.listing());
	}

	/**
	 * The publishing organization an account outside every registry resembles most, if any resembles one at all: the
	 * few organizations whose names and official handles are nearest the account's handle (or its display name, when
	 * known) are scored, not every organization.
	 */
	Optional<Match> bestMatch(List<AccountAddress> addresses) {
		return bestMatch(addresses, null);
	}

	Optional<Match> bestMatch(List<AccountAddress> addresses, @Nullable String displayName) {
		var names = new ArrayList<String>();
		for (var address : addresses) {
			names.add(Resemblance.nameOf(address.handle()));
		}
		if (displayName != null && !displayName.isBlank()) {
			names.add(displayName);
		}
		var ids = resemblance().nearest(names, SUGGESTED_AMONG);
		var found = new HashMap<Long, PublishedOrganization>();
		published.organizations(ids).forEach(organization -> found.put(organization.id(), organization));
		Match best = null;
		// Nearest first; one that the account imitates (at or above the threshold) ends the search.
		for (var id : ids) {
			var organization = found.get(id);
			if (organization == null) {
				continue;
			}
			var match = match(organization, addresses, displayName);
			if (match.score().points() > 0 && (best == null || match.score().points() > best.score().points())) {
				best = match;
			}
			if (match.score().points() >= match.threshold()) {
				break;
			}
		}
		return Optional.ofNullable(best);
	}

	/** The organization's best score for any of the networks' readings of the account. */
	Match match(PublishedOrganization organization, List<AccountAddress> addresses) {
		return match(organization, addresses, null);
	}

	private Match match(PublishedOrganization organization, List<AccountAddress> addresses,
			@Nullable String displayName) {
		var institution = institution(organization);
		var now = clock.instant();
		var scorer = scoring.scorer();
		var threshold = scorer.weights().impersonationThreshold();
		return addresses.stream().map(address -> {
			var classification = scorer.classify(Identity.of(address.platform(), address.handle(), displayName),
					institution, now);
			return new Match(organization, address, classification.score(),
					classification.verdict() == org.vigia.discovery.scoring.Verdict.REGISTERED, threshold);
		}).max(Comparator.comparingInt((Match match) -> match.score().points())).orElseThrow();
	}

	private PreparedInstitution institution(PublishedOrganization organization) {
		var now = clock.instant();
		var cached = prepared.get(organization.id());
		if (cached != null && cached.version().equals(organization.updatedAt())
				&& cached.at().plus(PREPARED_FOR).isAfter(now)) {
			return cached.institution();
		}
		var full = registry.organization(organization.id());
		var identities = new ArrayList<Identity>();
		for (var account : published.accounts(organization.id())) {
			identities.add(Identity.of(account.platform(), account.handle(), account.displayName()));
		}
		var institution = scoring.scorer()
			.prepare(new Institution(full.name(), full.aliases(), full.officialDomains(), identities));
		prepared.put(organization.id(), new Prepared(organization.updatedAt(), now, institution));
		return institution;
	}

	private OnNetwork onNetwork(PublishedOrganization organization, Platform platform) {
		var found = listed(organization);
		if (found == null) {
			return OnNetwork.NONE;
		}
		return new OnNetwork(found.byNetwork().getOrDefault(platform.id(), List.of()), found.listing());
	}

	/**
	 * The index of the publishing organizations' names and handles, built again when any of them changed (the
	 * organizations' versions are one index probe each).
	 */
	private Resemblance resemblance() {
		var organizations = published.organizations();
		var version = version(organizations);
		var current = resemblance;
		if (current != null && current.version().equals(version)) {
			return current;
		}
		synchronized (this) {
			current = resemblance;
			if (current == null || !current.version().equals(version)) {
				current = Resemblance.of(version, organizations, published.handles());
				resemblance = current;
			}
			return current;
		}
	}

	/** What the published registries say depends on this: every publishing organization's slug, name and version. */
	static String version(List<PublishedOrganization> organizations) {
		var version = new StringBuilder();
		for (var organization : organizations) {
			version.append(organization.id()).append('\t').append(organization.slug()).append('\t')
				.append(organization.name()).append('\t').append(organization.updatedAt()).append('\n');
		}
		return version.toString();
	}

	private static Verification.PublicOrganization publicOrganization(PublishedOrganization organization) {
		return new Verification.PublicOrganization(organization.name(), organization.slug());
	}

	private static Verification.PublicOrganization publicOrganization(PublishedAccount account) {
		return new Verification.PublicOrganization(account.organizationName(), account.organizationSlug());
	}

}
