package org.vigia.discovery;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.vigia.discovery.permutation.HandlePermutations;
import org.vigia.discovery.permutation.Permutation;
import org.vigia.discovery.permutation.PermutationSettings;
import org.vigia.discovery.scoring.AvatarHash;
import org.vigia.discovery.scoring.Identity;
import org.vigia.discovery.scoring.Institution;
import org.vigia.discovery.scoring.Link;
import org.vigia.discovery.scoring.Names;
import org.vigia.discovery.scoring.PreparedInstitution;
import org.vigia.discovery.scoring.Score;
import org.vigia.discovery.scoring.Scorer;
import org.vigia.discovery.scoring.ScoringWeights;
import org.vigia.discovery.scoring.Verdict;
import org.vigia.health.AllowlistedLookalike;
import org.vigia.health.FindingType;
import org.vigia.health.LookalikeVerdict;
import org.vigia.health.Lookalikes;
import org.vigia.platform.Message;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.AccountSearch;
import org.vigia.platform.FoundAccount;
import org.vigia.platform.HandleProbe;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformDirectory;
import org.vigia.platform.Profile;

/**
 * Examines one organization: gathers candidates (platform searches with its names, permutations of its handles probed
 * most likely first within a budget, the handles its accounts left behind, the look-alikes already reported), scores
 * them against its official accounts and hands the verdicts to health, which opens and resolves the findings.
 * Nothing is concluded from a platform that did not answer: such candidates are held, and tried again next run.
 */
@Component
class Discoverer {

	private static final Logger log = LoggerFactory.getLogger(Discoverer.class);

	private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"']+");

	private static final Pattern DOMAIN = Pattern.compile("(?i)^(?:https?://)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?:/\\S*)?$");

	private final DiscoveryRepository repository;

	private final PlatformDirectory directory;

	private final Lookalikes lookalikes;

	private final DiscoveryProperties properties;

	private final HandlePermutations permutations;

	private final Scorer scorer;

	private final Clock clock;

	Discoverer(DiscoveryRepository repository, PlatformDirectory directory, Lookalikes lookalikes,
			DiscoveryProperties properties, Clock clock) {
		this.repository = repository;
		this.directory = directory;
		this.lookalikes = lookalikes;
		this.properties = properties;
		this.clock = clock;
		var servers = properties.mastodonInstances().stream().map(URI::getRawAuthority).toList();
		var defaults = PermutationSettings.defaults();
		this.permutations = new HandlePermutations(new PermutationSettings(properties.affixes(),
				properties.countryCodes(), servers, defaults.blueskyDomain(), defaults.words(), defaults.maxPerHandle()));
		var weights = ScoringWeights.defaults();
		this.scorer = new Scorer((properties.impersonationThreshold() > 0)
				? weights.withThreshold(properties.impersonationThreshold()) : weights);
	}

	int threshold() {
		return scorer.weights().impersonationThreshold();
	}

	/** Where a candidate came from, for the evidence. */
	private static final class Candidate {

		FoundAccount account;

		final Set<String> sources = new LinkedHashSet<>();

		DiscoveryRepository.@Nullable Released released;

		Candidate(FoundAccount account) {
			this.account = DiscoveryRepository.storable(account);
		}

		String describe() {
			return account.address().handle() + " on " + account.address().platform().label();
		}

	}

	/** Counts of one examination, from several probing threads. */
	private static final class Tally {

		final AtomicInteger searches = new AtomicInteger();

		final AtomicInteger probes = new AtomicInteger();

		final AtomicInteger requests = new AtomicInteger();

		final AtomicInteger unanswered = new AtomicInteger();

	}

	/**
	 * What an exception kept from being examined in one organization: each is logged with the candidate (or official
	 * account) and the organization, counted once per account, and the examination goes on without it.
	 */
	private static final class Errors {

		private final long organizationId;

		private final String organization;

		private final Set<String> accounts = ConcurrentHashMap.newKeySet();

		Errors(long organizationId, String organization) {
			this.organizationId = organizationId;
			this.organization = organization;
		}

		void add(String account, String what, RuntimeException ex) {
			accounts.add(account);
			log.warn("Discovery could not {} {} for organization {} ({}); the examination goes on without it", what,
					account, organizationId, organization, ex);
		}

		int count() {
			return accounts.size();
		}

	}

	DiscoveryRuns.OrganizationReport discover(long organizationId) {
		var organization = repository.organization(organizationId);
		if (organization == null) {
			return DiscoveryRuns.OrganizationReport.failure("organization " + organizationId + " no longer exists");
		}
		var now = clock.instant();
		var tally = new Tally();
		var errors = new Errors(organizationId, organization.name());
		var officials = repository.officials(organizationId);
		var officialIdentities = officialIdentities(officials, now, errors);
		var allowlist = lookalikes.allowlist(organizationId);
		var institution = scorer.prepare(new Institution(organization.name(), organization.aliases(),
				organization.officialDomains(), List.copyOf(officialIdentities.values())));

		Map<String, Candidate> candidates = new LinkedHashMap<>();
		search(organization, officials, candidates, tally);
		probePermutations(officials, candidates, tally, now, errors);
		Map<AccountAddress, HandleProbe> fresh = new HashMap<>();
		int released = probeReleased(organizationId, candidates, fresh, tally, now);
		var standing = lookalikes.standing(organizationId);
		// What was reported before is looked at again, whatever the searches found, so that it resolves or stays.
		var verdicts = new ArrayList<LookalikeVerdict>();
		var standingKeys = new LinkedHashSet<String>();
		var again = probe(standing.stream()
			.map(lookalike -> new AccountAddress(lookalike.platform(), lookalike.handle(), lookalike.url()))
			.filter(address -> !fresh.containsKey(address))
			.toList(), tally);
		repository.cacheProbes(again, now);
		var refreshed = new HashMap<>(fresh);
		refreshed.putAll(again);
		for (var lookalike : standing) {
			var address = new AccountAddress(lookalike.platform(), lookalike.handle(), lookalike.url());
			var key = DiscoveryRepository.key(address.platform(), address.handle());
			standingKeys.add(key);
			var probe = refreshed.get(address);
			if (probe == null || probe.existence() == HandleProbe.Existence.UNKNOWN) {
				if (!candidates.containsKey(key)) {
					verdicts.add(LookalikeVerdict.held(address.platform(), address.handle(), address.url()));
				}
			}
			else if (probe.existence() == HandleProbe.Existence.EXISTS && probe.account() != null) {
				// The fresh answer wins over a cached one.
				var candidate = candidates.computeIfAbsent(key, k -> new Candidate(probe.account()));
				candidate.account = DiscoveryRepository.storable(probe.account());
				candidate.sources.add("reported before");
			}
			else {
				candidates.remove(key);
				verdicts.add(LookalikeVerdict.cleared(address.platform(), address.handle(), address.url(),
						(probe.existence() == HandleProbe.Existence.SUSPENDED)
								? "the platform suspended or took down the account"
								: "the account no longer exists"));
			}
		}

		var registered = repository.registered(candidates.values().stream().map(c -> c.account).toList());
		var identified = new ArrayList<Scored>();
		for (var entry : candidates.entrySet()) {
			var candidate = entry.getValue();
			var address = candidate.account.address();
			boolean releasedTaken = candidate.released != null;
			if (registered.contains(entry.getKey()) && !releasedTaken) {
				if (standingKeys.contains(entry.getKey())) {
					verdicts.add(LookalikeVerdict.cleared(address.platform(), address.handle(), address.url(),
							"the account is in the registry now"));
				}
				continue;
			}
			if (allowlisted(allowlist, candidate.account) != null) {
				// A known namesake: its finding, dismissed, stays as it is.
				continue;
			}
			try {
				identified.add(new Scored(candidate, identity(candidate.account.address(), candidate.account.profile(),
						candidate.account.platformId(), null)));
			}
			catch (RuntimeException ex) {
				errors.add(candidate.describe(), "read the profile of", ex);
			}
		}
		var scored = hashAvatars(identified, institution, now, errors);
		for (var entry : scored) {
			LookalikeVerdict verdict;
			try {
				verdict = judge(entry, institution, officials, now);
			}
			catch (RuntimeException ex) {
				// Its standing finding, if any, stays as it is: nothing is concluded from a failure.
				errors.add(entry.candidate.describe(), "judge", ex);
				continue;
			}
			var key = DiscoveryRepository.key(verdict.platform(), verdict.handle());
			if (verdict.type() != null || standingKeys.contains(key)) {
				verdicts.add(verdict);
			}
		}
		var recorded = record(organizationId, verdicts, errors);
		int impersonations = 0;
		int unregistered = 0;
		for (var verdict : recorded) {
			if (verdict.type() == FindingType.IMPERSONATION) {
				impersonations++;
			}
			else if (verdict.type() == FindingType.UNREGISTERED) {
				unregistered++;
			}
		}
		log.debug("Organization {}: {} handles probed in {} requests, {} candidates, {} impersonations, {} unregistered, "
				+ "{} released handles watched, {} errors", organizationId, tally.probes.get(), tally.requests.get(),
				scored.size(), impersonations, unregistered, released, errors.count());
		return new DiscoveryRuns.OrganizationReport(tally.searches.get(), tally.probes.get(), tally.unanswered.get(),
				scored.size(), impersonations, unregistered, errors.count(), null);
	}

	/**
	 * Hands the verdicts to health in one transaction; should that fail, one at a time, so that a verdict health cannot
	 * record costs only its own candidate. Answers the verdicts recorded.
	 */
	private List<LookalikeVerdict> record(long organizationId, List<LookalikeVerdict> verdicts, Errors errors) {
		try {
			lookalikes.record(organizationId, verdicts);
			return verdicts;
		}
		catch (RuntimeException ex) {
			if (verdicts.size() == 1) {
				errors.add(describe(verdicts.get(0)), "record the verdict on", ex);
				return List.of();
			}
			log.debug("Recording {} verdicts of organization {} failed; recording them one at a time", verdicts.size(),
					organizationId, ex);
		}
		var recorded = new ArrayList<LookalikeVerdict>();
		for (var verdict : verdicts) {
			try {
				lookalikes.record(organizationId, List.of(verdict));
				recorded.add(verdict);
			}
			catch (RuntimeException ex) {
				errors.add(describe(verdict), "record the verdict on", ex);
			}
		}
		return recorded;
	}

	private static String describe(LookalikeVerdict verdict) {
		return verdict.handle() + " on " + verdict.platform().label();
	}

	/** A candidate with its identity, to which the avatar hash is added when it may matter. */
	private static final class Scored {

		final Candidate candidate;

		Identity identity;

		Scored(Candidate candidate, Identity identity) {
			this.candidate = candidate;
			this.identity = identity;
		}

	}

	private LookalikeVerdict judge(Scored entry, PreparedInstitution institution,
			List<DiscoveryRepository.Official> officials, Instant now) {
		var candidate = entry.candidate;
		var account = candidate.account;
		var address = account.address();
		// The scorer's verdict, except that a released handle taken by someone else is an impersonation whatever its
		// score (the scorer sees the official account's handle and calls it registered).
		var classification = scorer.classify(entry.identity, institution, now);
		var score = classification.score();
		var proof = java.util.Optional.ofNullable(classification.proof());
		FindingType type;
		String summary;
		var imitated = imitated(score, candidate, officials);
		if (classification.verdict() == Verdict.UNREGISTERED) {
			type = FindingType.UNREGISTERED;
			summary = Message.of("summary.unregistered", address.handle(), proof.orElse("")).encode();
		}
		else if (candidate.released != null) {
			type = FindingType.IMPERSONATION;
			summary = Message.of("summary.released", address.handle()).encode();
		}
		else if (classification.verdict() == Verdict.IMPERSONATION) {
			type = FindingType.IMPERSONATION;
			summary = ((imitated != null)
					? Message.of("summary.lookalike", imitated.address().handle(), score.points(), threshold(),
							topReasons(score))
					: Message.of("summary.lookalike.institution", score.points(), threshold(), topReasons(score)))
				.encode();
		}
		else {
			return LookalikeVerdict.cleared(address.platform(), address.handle(), address.url(),
					"the score " + score.points() + " is below the threshold " + threshold());
		}
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("candidate", side(address, account.platformId(), account.profile(), entry.identity.avatarHash()));
		if (imitated != null) {
			evidence.put("official", officialSide(imitated));
		}
		evidence.put("score", score.points());
		evidence.put("threshold", threshold());
		evidence.put("reasons", score.reasons().stream().map(reason -> {
			var map = new LinkedHashMap<String, Object>();
			map.put("signal", reason.signal());
			map.put("points", reason.points());
			map.put("detail", reason.detail());
			return map;
		}).toList());
		evidence.put("sources", List.copyOf(candidate.sources));
		proof.ifPresent(text -> evidence.put("proof", text));
		if (candidate.released != null) {
			var released = new LinkedHashMap<String, Object>();
			released.put("accountId", candidate.released.accountId());
			released.put("handle", candidate.released.address().handle());
			released.put("releasedAt", candidate.released.releasedAt().toString());
			if (candidate.released.platformId() != null) {
				released.put("officialPlatformId", candidate.released.platformId());
			}
			evidence.put("released", released);
		}
		return new LookalikeVerdict(address.platform(), address.handle(), address.url(), account.platformId(), type,
				false, null, accountId(imitated, candidate), summary, evidence);
	}

	/**
	 * The official account a finding is about: the one imitated, else the one whose released handle was taken, else
	 * none (a look-alike of the institution as a whole, by its name alone). Statements, not a nested conditional: a
	 * conditional mixing {@code long} branches with a null one unboxes the null.
	 */
	private static @Nullable Long accountId(DiscoveryRepository.@Nullable Official imitated, Candidate candidate) {
		if (imitated != null) {
			return imitated.accountId();
		}
		if (candidate.released != null) {
			return candidate.released.accountId();
		}
		return null;
	}

	private static List<Message> topReasons(Score score) {
		var top = score.reasons().stream()
			.filter(reason -> reason.points() > 0)
			.sorted(Comparator.comparingInt((org.vigia.discovery.scoring.Reason reason) -> -reason.points()))
			.limit(3)
			.map(reason -> Message.of("signal." + reason.signal()))
			.toList();
		return top.isEmpty() ? List.of(Message.of("signal.none")) : top;
	}

	private static DiscoveryRepository.@Nullable Official imitated(Score score, Candidate candidate,
			List<DiscoveryRepository.Official> officials) {
		if (score.imitated() != null) {
			for (var official : officials) {
				if (official.address().platform() == score.imitated().platform()
						&& official.address().handle().equals(score.imitated().handle())) {
					return official;
				}
			}
		}
		if (candidate.released != null) {
			for (var official : officials) {
				if (official.accountId() == candidate.released.accountId()) {
					return official;
				}
			}
		}
		return null;
	}

	// The searches: each name once on Bluesky and on every configured Mastodon server, in the order that finds most.
	private void search(DiscoveryRepository.Organization organization, List<DiscoveryRepository.Official> officials,
			Map<String, Candidate> candidates, Tally tally) {
		var queries = queries(organization, officials);
		var searchable = directory.searchable();
		var targets = new ArrayList<SearchTarget>();
		if (searchable.contains(Platform.BLUESKY)) {
			targets.add(new SearchTarget(Platform.BLUESKY, null, "Bluesky"));
		}
		if (searchable.contains(Platform.MASTODON)) {
			for (var server : properties.mastodonInstances()) {
				targets.add(new SearchTarget(Platform.MASTODON, server, server.getRawAuthority()));
			}
		}
		for (var target : targets) {
			for (var query : queries) {
				tally.searches.incrementAndGet();
				var result = directory.search(target.platform(), query, target.server(), properties.searchLimit(),
						properties.rateLimitWait());
				if (result.status() != AccountSearch.Status.OK) {
					tally.unanswered.incrementAndGet();
					log.debug("Search for '{}' on {} unanswered: {}", query, target.label(), result.error());
					if (result.status() == AccountSearch.Status.RATE_LIMITED) {
						// Honour the limit: the rest of this target's queries wait for the next run.
						break;
					}
					continue;
				}
				for (var account : result.accounts()) {
					var key = DiscoveryRepository.key(account.address().platform(), account.address().handle());
					candidates.computeIfAbsent(key, k -> new Candidate(account)).sources
						.add("search for \"" + query + "\" on " + target.label());
				}
			}
		}
	}

	private record SearchTarget(Platform platform, @Nullable URI server, String label) {
	}

	/**
	 * The names people would search for, most telling first: the organization's, its aliases, its accounts'; then
	 * the place it is named after ("La Orotava"), which impersonators keep when they disguise the rest (a Cyrillic
	 * letter in "Ayuntamiento", a handle such as laorotava_hoy), its accounts' handles, and the place written as
	 * handles write it ("laorotava"). Names the platforms' searches read alike are asked once.
	 */
	private List<String> queries(DiscoveryRepository.Organization organization,
			List<DiscoveryRepository.Official> officials) {
		var queries = new LinkedHashMap<String, String>();
		addQuery(queries, organization.name());
		organization.aliases().forEach(alias -> addQuery(queries, alias));
		for (var official : officials) {
			var profile = official.profile();
			addQuery(queries, (profile != null && profile.displayName() != null) ? profile.displayName()
					: official.registeredName());
		}
		var place = Names.place(organization.name());
		addQuery(queries, place);
		for (var official : officials) {
			if (directory.searchable().contains(official.address().platform())) {
				addQuery(queries, localName(official.address()));
			}
		}
		if (place != null) {
			addQuery(queries, Names.compact(place));
		}
		return queries.values().stream().limit(properties.maxQueries()).toList();
	}

	private static void addQuery(Map<String, String> queries, @Nullable String query) {
		if (query == null || query.isBlank()) {
			return;
		}
		var text = query.strip().replaceAll("\\s+", " ");
		var key = searchKey(text);
		if (!key.isEmpty()) {
			queries.putIfAbsent(key, text);
		}
	}

	/** What a platform's search makes of a query: its words, accents, case and emoji aside. */
	private static String searchKey(String query) {
		return java.text.Normalizer.normalize(query, java.text.Normalizer.Form.NFKD)
			.replaceAll("[\\p{M}\\p{Cf}]", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^\\p{L}\\p{N}]+", " ")
			.strip();
	}

	/** The name part of a handle: {@code aytomadrid} of {@code aytomadrid@mastodon.social} or {@code aytomadrid.bsky.social}. */
	private static String localName(AccountAddress address) {
		var handle = address.handle();
		if (address.platform() == Platform.MASTODON) {
			var at = handle.indexOf('@');
			return (at > 0) ? handle.substring(0, at) : handle;
		}
		var dot = handle.indexOf('.');
		return (dot > 0) ? handle.substring(0, dot) : handle;
	}

	/** Permutations of every official handle, likeliest first over all of them, within the organization's budget. */
	private void probePermutations(List<DiscoveryRepository.Official> officials, Map<String, Candidate> candidates,
			Tally tally, Instant now, Errors errors) {
		var wanted = new LinkedHashMap<String, Permutation>();
		var addresses = new HashMap<String, AccountAddress>();
		var official = new HashSet<String>();
		officials.forEach(o -> official.add(DiscoveryRepository.key(o.address().platform(), o.address().handle())));
		var all = new ArrayList<Map.Entry<AccountAddress, Permutation>>();
		for (var account : officials) {
			var platform = account.address().platform();
			if (!directory.searchable().contains(platform)) {
				continue;
			}
			List<Permutation> variants;
			try {
				variants = permutations.of(platform, account.address().handle());
			}
			catch (RuntimeException ex) {
				errors.add("the official account " + account.address().handle() + " on " + platform.label(),
						"derive look-alike handles of", ex);
				continue;
			}
			for (var permutation : variants) {
				var address = address(platform, permutation.handle(), account.address());
				if (address != null) {
					all.add(Map.entry(address, permutation));
				}
			}
		}
		all.sort(Comparator.comparingDouble((Map.Entry<AccountAddress, Permutation> e) -> -e.getValue().likelihood())
			.thenComparing(e -> e.getKey().handle()));
		for (var entry : all) {
			var key = DiscoveryRepository.key(entry.getKey().platform(), entry.getKey().handle());
			if (!official.contains(key) && !wanted.containsKey(key)) {
				wanted.put(key, entry.getValue());
				addresses.put(key, entry.getKey());
			}
		}
		var cached = repository.cachedProbes(addresses.values(), now.minus(properties.probeTtl()));
		var toProbe = new ArrayList<AccountAddress>();
		// The budget counts requests: a Bluesky request looks up a batch of handles, so a handle that fills a batch
		// already paid for costs nothing, and the likeliest handles of every platform fit in before the rest.
		var queued = new HashMap<Platform, Integer>();
		int requests = 0;
		for (var entry : wanted.entrySet()) {
			var probe = cached.get(entry.getKey());
			if (probe != null) {
				addPermutation(candidates, probe, entry.getValue());
				continue;
			}
			var address = addresses.get(entry.getKey());
			int before = queued.getOrDefault(address.platform(), 0);
			boolean newRequest = before % directory.probeBatch(address.platform()) == 0;
			if (newRequest && requests >= properties.probeRequests()) {
				continue;
			}
			requests += newRequest ? 1 : 0;
			queued.put(address.platform(), before + 1);
			toProbe.add(address);
		}
		var answers = probe(toProbe, tally, true);
		repository.cacheProbes(answers, now);
		for (var address : toProbe) {
			var probe = answers.get(address);
			if (probe != null) {
				addPermutation(candidates, probe, wanted.get(DiscoveryRepository.key(address.platform(), address.handle())));
			}
		}
	}

	private static void addPermutation(Map<String, Candidate> candidates, HandleProbe probe, Permutation permutation) {
		if (probe.existence() != HandleProbe.Existence.EXISTS || probe.account() == null) {
			return;
		}
		var account = probe.account();
		var key = DiscoveryRepository.key(account.address().platform(), account.address().handle());
		candidates.computeIfAbsent(key, k -> new Candidate(account)).sources
			.add("permutation " + permutation.family().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
					+ permutation.detail());
	}

	/**
	 * The address to probe for a permutation: Mastodon's server keeps the scheme of the official account's URL or of
	 * the configured server (https elsewhere), so that a server reached over http in tests is probed over http.
	 */
	private @Nullable AccountAddress address(Platform platform, String handle, AccountAddress official) {
		try {
			var parsed = platform.parse(handle);
			if (platform != Platform.MASTODON) {
				return parsed;
			}
			var at = parsed.handle().indexOf('@');
			var name = parsed.handle().substring(0, at);
			var authority = parsed.handle().substring(at + 1);
			var scheme = "https";
			var officialUrl = URI.create(official.url());
			if (authority.equalsIgnoreCase(officialUrl.getRawAuthority())) {
				scheme = officialUrl.getScheme();
			}
			else {
				for (var server : properties.mastodonInstances()) {
					if (authority.equalsIgnoreCase(server.getRawAuthority())) {
						scheme = server.getScheme();
					}
				}
			}
			return new AccountAddress(platform, parsed.handle(), scheme + "://" + authority + "/@" + name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Probes the handles official accounts left behind, every run: an account under one of them that is not the
	 * official account itself took it over.
	 */
	private int probeReleased(long organizationId, Map<String, Candidate> candidates,
			Map<AccountAddress, HandleProbe> fresh, Tally tally, Instant now) {
		var released = repository.released(organizationId, lookalikes.released(organizationId), now);
		var answers = probe(released.stream().map(DiscoveryRepository.Released::address).toList(), tally);
		repository.cacheProbes(answers, now);
		fresh.putAll(answers);
		for (var handle : released) {
			var probe = answers.get(handle.address());
			if (probe == null || probe.existence() != HandleProbe.Existence.EXISTS || probe.account() == null) {
				continue;
			}
			var account = probe.account();
			boolean sameAccount = handle.platformId() != null && handle.platformId().equals(account.platformId());
			if (sameAccount) {
				continue;
			}
			var key = DiscoveryRepository.key(account.address().platform(), account.address().handle());
			var candidate = candidates.computeIfAbsent(key, k -> new Candidate(account));
			candidate.sources.add("the released handle " + handle.address().handle() + " answers again");
			candidate.released = handle;
		}
		return released.size();
	}

	/** Probes these handles one at a time (a single handle's answer says more: taken down, or never there). */
	private Map<AccountAddress, HandleProbe> probe(List<AccountAddress> addresses, Tally tally) {
		return probe(addresses, tally, false);
	}

	/**
	 * Probes these handles, a few requests at a time, in batches where the platform takes them ({@code batched}); a
	 * host that cannot take more before the run's patience runs out is left alone for the rest of the call, and its
	 * handles wait, unanswered and uncached, for the next run.
	 */
	private Map<AccountAddress, HandleProbe> probe(List<AccountAddress> addresses, Tally tally, boolean batched) {
		if (addresses.isEmpty()) {
			return Map.of();
		}
		var requests = new ArrayList<List<AccountAddress>>();
		Map<Platform, List<AccountAddress>> open = new HashMap<>();
		for (var address : addresses) {
			int size = batched ? directory.probeBatch(address.platform()) : 1;
			var batch = open.get(address.platform());
			if (batch == null || batch.size() >= size) {
				batch = new ArrayList<>(size);
				open.put(address.platform(), batch);
				requests.add(batch);
			}
			batch.add(address);
		}
		Map<AccountAddress, HandleProbe> answers = new ConcurrentHashMap<>();
		Set<String> limited = ConcurrentHashMap.newKeySet();
		var permits = new Semaphore(properties.parallelism());
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			var futures = new ArrayList<Future<?>>();
			for (var batch : requests) {
				futures.add(executor.submit(() -> {
					permits.acquireUninterruptibly();
					try {
						var host = host(batch.get(0));
						if (limited.contains(host)) {
							return;
						}
						tally.probes.addAndGet(batch.size());
						tally.requests.incrementAndGet();
						var batchAnswers = directory.probe(batch, properties.rateLimitWait());
						for (var address : batch) {
							var probe = batchAnswers.get(address);
							if (probe == null) {
								continue;
							}
							if (probe.existence() == HandleProbe.Existence.UNKNOWN) {
								tally.unanswered.incrementAndGet();
								if (probe.retryAt() != null) {
									limited.add(host);
								}
							}
							answers.put(address, probe);
						}
					}
					finally {
						permits.release();
					}
				}));
			}
			for (var future : futures) {
				try {
					future.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					throw new IllegalStateException("A probe failed", ex.getCause());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while probing handles", ex);
				}
			}
		}
		return answers;
	}

	private static String host(AccountAddress address) {
		if (address.platform() == Platform.MASTODON) {
			return "mastodon:" + URI.create(address.url()).getRawAuthority();
		}
		return address.platform().name();
	}

	/**
	 * Adds avatar hashes where they may tip the balance (candidates near the threshold; official accounts always) and
	 * answers the candidates that could be scored: one whose scoring throws is left out, one whose avatar could not be
	 * fetched is judged without it; both are counted as errors.
	 */
	private List<Scored> hashAvatars(List<Scored> scored, PreparedInstitution institution, Instant now, Errors errors) {
		var weights = scorer.weights();
		var kept = new ArrayList<Scored>(scored.size());
		var worth = new ArrayList<Scored>();
		for (var entry : scored) {
			int points;
			try {
				points = scorer.score(entry.identity, institution, now).points();
			}
			catch (RuntimeException ex) {
				errors.add(entry.candidate.describe(), "score", ex);
				continue;
			}
			kept.add(entry);
			var avatar = entry.candidate.account.profile().avatarUrl();
			if (avatar != null && points < threshold() && points + weights.avatarClose() >= threshold()) {
				worth.add(entry);
			}
		}
		if (worth.isEmpty()) {
			return kept;
		}
		var failed = new HashMap<String, RuntimeException>();
		var hashes = avatars(worth.stream().map(e -> e.candidate.account.profile().avatarUrl()).toList(), now,
				failed::put);
		for (var entry : worth) {
			var url = entry.candidate.account.profile().avatarUrl();
			if (failed.containsKey(url)) {
				errors.add(entry.candidate.describe(), "fetch the avatar of", failed.get(url));
				continue;
			}
			var hash = hashes.get(url);
			if (hash != null) {
				entry.identity = withAvatar(entry.identity, hash);
			}
		}
		return kept;
	}

	/**
	 * The avatars' hashes, from the cache or fetched through the guarded client; null for an image not hashed. A URL
	 * whose fetching or hashing throws is handed to {@code failed} (and not cached, so it is tried again next run).
	 */
	private Map<String, @Nullable Long> avatars(List<@Nullable String> urls, Instant now,
			java.util.function.BiConsumer<String, RuntimeException> failed) {
		var wanted = urls.stream().filter(java.util.Objects::nonNull).distinct().toList();
		Map<String, @Nullable Long> hashes = new HashMap<>(repository.cachedAvatars(wanted,
				now.minus(properties.avatarTtl())));
		Map<String, @Nullable Long> fetched = new HashMap<>();
		for (var url : wanted) {
			if (!hashes.containsKey(url)) {
				try {
					var bytes = directory.image(url, properties.avatarMaxBytes());
					var hash = (bytes != null) ? AvatarHash.dHash(bytes) : null;
					fetched.put(url, hash);
					hashes.put(url, hash);
				}
				catch (RuntimeException ex) {
					log.debug("Fetching or hashing the avatar {} failed", url, ex);
					failed.accept(url, ex);
				}
			}
		}
		repository.cacheAvatars(fetched, now);
		return hashes;
	}

	private Map<Long, Identity> officialIdentities(List<DiscoveryRepository.Official> officials, Instant now,
			Errors errors) {
		var failed = new HashMap<String, RuntimeException>();
		var hashes = avatars(officials.stream()
			.map(official -> (official.profile() != null) ? official.profile().avatarUrl() : null)
			.toList(), now, failed::put);
		var identities = new LinkedHashMap<Long, Identity>();
		for (var official : officials) {
			var profile = official.profile();
			var avatarUrl = (profile != null) ? profile.avatarUrl() : null;
			if (avatarUrl != null && failed.containsKey(avatarUrl)) {
				// Compared without its avatar: a look-alike avatar goes unnoticed, the rest does not.
				errors.add("the official account " + official.address().handle() + " on "
						+ official.address().platform().label(), "fetch the avatar of", failed.get(avatarUrl));
			}
			var avatar = (avatarUrl != null) ? hashes.get(avatarUrl) : null;
			var identity = identity(official.address(), profile, official.platformId(), avatar);
			if (profile == null && official.registeredName() != null) {
				identity = new Identity(identity.platform(), identity.handle(), official.registeredName(), null,
						List.of(), null, null, null);
			}
			identities.put(official.accountId(), identity);
		}
		return identities;
	}

	private static Identity identity(AccountAddress address, @Nullable Profile profile, @Nullable String platformId,
			@Nullable Long avatarHash) {
		if (profile == null) {
			return new Identity(address.platform(), address.handle(), null, null, List.of(), avatarHash, null, null);
		}
		return new Identity(address.platform(), address.handle(), profile.displayName(), profile.bio(), links(profile),
				avatarHash, profile.createdAt(), profile.followers());
	}

	private static Identity withAvatar(Identity identity, long hash) {
		return new Identity(identity.platform(), identity.handle(), identity.displayName(), identity.bio(),
				identity.links(), hash, identity.createdAt(), identity.followers());
	}

	/** The links a profile shows: URLs in its bio, and its fields that look like links (Mastodon verifies those). */
	static List<Link> links(Profile profile) {
		var links = new ArrayList<Link>();
		if (profile.bio() != null) {
			var matcher = URL.matcher(profile.bio());
			while (matcher.find()) {
				links.add(new Link(matcher.group(), false));
			}
		}
		for (var field : profile.fields()) {
			var value = field.value().strip();
			if (DOMAIN.matcher(value).matches()) {
				links.add(new Link(value.matches("(?i)^https?://.*") ? value : "https://" + value,
						field.verifiedAt() != null));
			}
		}
		return links;
	}

	private static Map<String, Object> side(AccountAddress address, @Nullable String platformId, Profile profile,
			@Nullable Long avatarHash) {
		var side = new LinkedHashMap<String, Object>();
		side.put("platform", address.platform().name());
		side.put("handle", address.handle());
		side.put("url", address.url());
		if (platformId != null) {
			side.put("platformId", platformId);
		}
		putIfPresent(side, "displayName", profile.displayName());
		putIfPresent(side, "bio", profile.bio());
		putIfPresent(side, "avatarUrl", profile.avatarUrl());
		if (profile.createdAt() != null) {
			side.put("createdAt", profile.createdAt().toString());
		}
		if (profile.followers() != null) {
			side.put("followers", profile.followers());
		}
		if (avatarHash != null) {
			side.put("avatarHash", String.format("%016x", avatarHash));
		}
		var links = links(profile);
		if (!links.isEmpty()) {
			side.put("links", links.stream().map(link -> link.verified() ? link.url() + " (verified)" : link.url()).toList());
		}
		return side;
	}

	private static Map<String, Object> officialSide(DiscoveryRepository.Official official) {
		var profile = official.profile();
		if (profile == null) {
			var side = new LinkedHashMap<String, Object>();
			side.put("accountId", official.accountId());
			side.put("platform", official.address().platform().name());
			side.put("handle", official.address().handle());
			side.put("url", official.address().url());
			putIfPresent(side, "displayName", official.registeredName());
			return side;
		}
		var side = side(official.address(), official.platformId(), profile, null);
		side.put("accountId", official.accountId());
		return side;
	}

	private static void putIfPresent(Map<String, Object> map, String key, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			map.put(key, value);
		}
	}

	private static @Nullable AllowlistedLookalike allowlisted(List<AllowlistedLookalike> allowlist, FoundAccount account) {
		for (var entry : allowlist) {
			if (entry.covers(account.address().platform(), account.address().handle(), account.platformId())) {
				return entry;
			}
		}
		return null;
	}

}
