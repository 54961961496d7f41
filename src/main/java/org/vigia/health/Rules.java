package org.vigia.health;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

/**
 * The health rules: pure functions of an account's facts, what is known about other accounts, and the time. Nothing
 * here reads a clock or a database, so every boundary can be tested with a table.
 */
final class Rules {

	/** What a check must have shown for its findings to be judged at all. */
	private static final Set<FindingType> FROM_CHECKS = EnumSet.of(FindingType.DORMANT, FindingType.ABANDONED,
			FindingType.GONE, FindingType.MOVED, FindingType.GUIDELINE, FindingType.ONE_WAY);

	/** Networks whose profiles have an avatar; feeds (YouTube's included) carry none, or an optional image. */
	private static final Set<Platform> SHOW_AVATARS = EnumSet.of(Platform.MASTODON, Platform.BLUESKY,
			Platform.TELEGRAM);

	private static final Pattern DOMAIN = Pattern.compile("(?i)(?<![\\w.@-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63})");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

	/** How many of a unit's accounts its finding's summary names; the evidence lists more. */
	private static final int SUMMARY_PEERS = 5;

	private final HealthProperties properties;

	Rules(HealthProperties properties) {
		this.properties = properties;
	}

	Evaluation evaluate(AccountFacts facts, Context context, Instant now) {
		var conditions = new ArrayList<Condition>();
		var held = EnumSet.noneOf(FindingType.class);
		var reasons = new EnumMap<FindingType, String>(FindingType.class);
		if (!facts.active()) {
			for (var type : FindingType.values()) {
				reasons.put(type, Message.of("reason.archived").encode());
			}
			return new Evaluation(facts.accountId(), conditions, held, reasons);
		}
		unowned(facts).ifPresent(conditions::add);
		duplicate(facts, context).ifPresent(conditions::add);
		var forUnit = reportedForUnit(facts, context);
		if (forUnit != null) {
			reasons.put(FindingType.DUPLICATE, forUnit);
		}
		var state = facts.state();
		if (state == null || state.lastCheckedAt() == null || state.lastOutcome() == null
				|| state.lastOutcome() == CheckOutcome.UNSUPPORTED) {
			// Never checked (or not checkable): no evidence, and nothing from an earlier handle still applies; but where
			// Vigía cannot read the network, a person's report of the last post is evidence for the silence rules.
			guideline(facts, false).ifPresent(conditions::add);
			reportedSilence(facts, state, now).ifPresent(condition -> {
				conditions.add(condition);
				if (condition.type() == FindingType.ABANDONED) {
					supersede(reasons, FindingType.ABANDONED, FindingType.DORMANT);
				}
			});
			return new Evaluation(facts.accountId(), conditions, held, reasons);
		}
		var outcome = state.lastOutcome();
		if (outcome == CheckOutcome.SKIPPED) {
			// Not read, to stay within a paid allowance: no evidence either way, and no failure of the network.
			held.addAll(FROM_CHECKS);
			held.add(FindingType.UNREACHABLE);
			return new Evaluation(facts.accountId(), conditions, held, reasons);
		}
		if (state.failing()) {
			// A failed check is no evidence about the account: what checks found neither opens nor clears.
			held.addAll(FROM_CHECKS);
			if (state.consecutiveFailures() >= properties.unreachableAfter()) {
				if (context.outages().contains(facts.platform())) {
					held.add(FindingType.UNREACHABLE);
				}
				else {
					conditions.add(unreachable(facts, state));
				}
			}
			return new Evaluation(facts.accountId(), conditions, held, reasons);
		}
		switch (outcome) {
			case NOT_FOUND, SUSPENDED, DEACTIVATED -> {
				int confirmations = properties.goneConfirmations(facts.platform());
				if (state.outcomeStreak() < confirmations) {
					// Some platforms answer 404 for a while for accounts that exist: wait for the next check.
					held.addAll(FROM_CHECKS);
				}
				else {
					conditions.add(gone(facts, state, confirmations));
					supersede(reasons, FindingType.GONE, FindingType.DORMANT, FindingType.ABANDONED,
							FindingType.MOVED, FindingType.GUIDELINE, FindingType.ONE_WAY);
				}
			}
			case MOVED -> {
				conditions.add(moved(facts, state));
				supersede(reasons, FindingType.MOVED, FindingType.DORMANT, FindingType.ABANDONED,
						FindingType.GUIDELINE, FindingType.ONE_WAY);
			}
			default -> {
				silence(facts, state, now).ifPresent(condition -> {
					conditions.add(condition);
					if (condition.type() == FindingType.ABANDONED) {
						supersede(reasons, FindingType.ABANDONED, FindingType.DORMANT);
					}
				});
				guideline(facts, true).ifPresent(conditions::add);
				oneWay(facts, state).ifPresent(conditions::add);
			}
		}
		return new Evaluation(facts.accountId(), conditions, held, reasons);
	}

	/** The platform-level finding when most of a platform's checked accounts are unreachable at once. */
	@Nullable Condition outage(Platform platform, int unreachable, int checked) {
		if (!outage(unreachable, checked)) {
			return null;
		}
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("platform", platform.id());
		evidence.put("unreachableAccounts", unreachable);
		evidence.put("checkedAccounts", checked);
		evidence.put("unreachableAfter", properties.unreachableAfter());
		return new Condition(FindingType.UNREACHABLE, Condition.platformKey(platform), null, null, null, platform,
				platform.label(),
				Message.of("summary.outage", unreachable, checked, platform.label(), properties.unreachableAfter())
					.encode(),
				evidence, "");
	}

	boolean outage(int unreachable, int checked) {
		return properties.outage(unreachable, checked);
	}

	private Optional<Condition> silence(AccountFacts facts, AccountFacts.State state, Instant now) {
		Instant since = state.lastActivityAt();
		boolean fromPost = since != null;
		if (since == null && facts.profile() != null) {
			since = facts.profile().createdAt();
		}
		if (since == null) {
			return Optional.empty();
		}
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("lastActivityAt", state.lastActivityAt());
		if (!fromPost) {
			evidence.put("accountCreatedAt", since);
		}
		evidence.put("newestPostUrl", state.newestPostUrl());
		evidence.put("lastCheckedAt", state.lastCheckedAt());
		return silence(facts, since, fromPost ? "summary.silent.post" : "summary.silent.created", List.of(), evidence,
				now);
	}

	/**
	 * The silence rules on an account Vigía cannot read (no adapter, no connection, never checked): judged on the last
	 * post its owner reported when answering a recertification, or on the newest post Vigía itself once read if that is
	 * later. Without a report there is no evidence at all, and nothing opens.
	 */
	private Optional<Condition> reportedSilence(AccountFacts facts, AccountFacts.@Nullable State state, Instant now) {
		var reported = facts.reported();
		if (reported == null) {
			return Optional.empty();
		}
		var read = (state != null) ? state.lastActivityAt() : null;
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("lastActivityAt", read);
		evidence.put("reportedLastPostAt", reported.lastPostAt());
		evidence.put("reportedBy", reported.reportedBy());
		evidence.put("reportedAt", reported.reportedAt());
		evidence.put("source", "REPORTED");
		if (read != null && read.isAfter(reported.lastPostAt())) {
			evidence.put("source", "CHECKED");
			return silence(facts, read, "summary.silent.post", List.of(), evidence, now);
		}
		return silence(facts, reported.lastPostAt(), "summary.silent.reported",
				List.of(reported.reportedBy(), DAY.format(reported.reportedAt())), evidence, now);
	}

	/**
	 * DORMANT or ABANDONED when the account has been silent since {@code since} longer than its limits.
	 * @param quietCode the message saying how long it has been quiet; its first argument is the days
	 * @param quietArguments the message's further arguments
	 * @param known the evidence gathered so far, which the limits complete
	 */
	private Optional<Condition> silence(AccountFacts facts, Instant since, String quietCode, List<Object> quietArguments,
			Map<String, Object> known, Instant now) {
		var silence = Duration.between(since, now);
		var platform = facts.platform();
		Duration dormant = properties.dormantAfter(platform);
		Duration abandoned = properties.abandonedAfter(platform);
		String limitSource = properties.abandonedOverridden(platform) ? "PLATFORM" : "DEFAULT";
		if (facts.maxSilenceDays() != null) {
			// The account's own limit is its abandoned threshold; dormant keeps the platform's proportion to it.
			var own = Duration.ofDays(facts.maxSilenceDays());
			dormant = Duration.ofSeconds(Math.max(1,
					Math.round(own.toSeconds() * ((double) dormant.toSeconds() / abandoned.toSeconds()))));
			abandoned = own;
			limitSource = "ACCOUNT";
		}
		FindingType type;
		if (silence.compareTo(abandoned) > 0) {
			type = FindingType.ABANDONED;
		}
		else if (silence.compareTo(dormant) > 0) {
			type = FindingType.DORMANT;
		}
		else {
			return Optional.empty();
		}
		long days = silence.toDays();
		var arguments = new ArrayList<Object>();
		arguments.add(days);
		arguments.addAll(quietArguments);
		var quiet = Message.of(quietCode, arguments.toArray());
		String summary = ((type == FindingType.ABANDONED)
				? Message.of("summary.abandoned", quiet, limitPhrase(limitSource, platform), abandoned.toDays())
				: Message.of("summary.dormant", quiet, dormant.toDays(), abandoned.toDays())).encode();
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("silentDays", days);
		evidence.putAll(known);
		var checkedAt = evidence.remove("lastCheckedAt");
		evidence.put("dormantAfterDays", dormant.toDays());
		evidence.put("abandonedAfterDays", abandoned.toDays());
		evidence.put("limitSource", limitSource);
		if (known.containsKey("lastCheckedAt")) {
			evidence.put("lastCheckedAt", checkedAt);
		}
		return Optional.of(condition(type, facts, summary, evidence, ""));
	}

	private static Message limitPhrase(String source, Platform platform) {
		return switch (source) {
			case "ACCOUNT" -> Message.of("summary.limit.ACCOUNT");
			case "PLATFORM" -> Message.of("summary.limit.PLATFORM", platform.label());
			default -> Message.of("summary.limit.DEFAULT");
		};
	}

	private Condition gone(AccountFacts facts, AccountFacts.State state, int confirmations) {
		var outcome = state.lastOutcome();
		var what = Message.of(switch (outcome) {
			case SUSPENDED -> "summary.gone.SUSPENDED";
			case DEACTIVATED -> "summary.gone.DEACTIVATED";
			default -> "summary.gone.NOT_FOUND";
		}, facts.platform().label());
		var http = (state.lastHttpStatus() != null)
				? Message.of("summary.gone.http", String.valueOf(state.lastHttpStatus())) : Message.of("summary.none");
		var streak = (confirmations > 1) ? Message.of("summary.gone.streak", state.outcomeStreak())
				: Message.of("summary.none");
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("outcome", outcome.name());
		evidence.put("httpStatus", state.lastHttpStatus());
		evidence.put("checksInARow", state.outcomeStreak());
		evidence.put("lastCheckedAt", state.lastCheckedAt());
		evidence.put("lastActivityAt", state.lastActivityAt());
		return condition(FindingType.GONE, facts, Message.of("summary.gone", what, http, streak).encode(),
				evidence, outcome.name());
	}

	private Condition moved(AccountFacts facts, AccountFacts.State state) {
		Object to = (state.movedTo() != null) ? state.movedTo() : Message.of("summary.moved.unnamed");
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("newHandle", state.movedTo());
		evidence.put("registeredHandle", facts.handle());
		evidence.put("lastCheckedAt", state.lastCheckedAt());
		return condition(FindingType.MOVED, facts,
				Message.of("summary.moved", to, facts.handle()).encode(), evidence,
				String.valueOf(state.movedTo()));
	}

	private Condition unreachable(AccountFacts facts, AccountFacts.State state) {
		var said = Message.decode(state.lastError());
		Object last = (said != null) ? said : (state.lastError() != null) ? abbreviate(state.lastError(), 200)
				: (state.lastHttpStatus() != null) ? "HTTP " + state.lastHttpStatus()
				: Message.of("outcome." + state.lastOutcome().name());
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("failuresInARow", state.consecutiveFailures());
		evidence.put("failingSince", state.failingSince());
		evidence.put("lastOutcome", state.lastOutcome().name());
		evidence.put("lastHttpStatus", state.lastHttpStatus());
		evidence.put("lastError", state.lastError());
		evidence.put("lastSuccessAt", state.lastSuccessAt());
		var summary = (state.failingSince() != null)
				? Message.of("summary.unreachable.since", state.consecutiveFailures(), DAY.format(state.failingSince()), last)
				: Message.of("summary.unreachable", state.consecutiveFailures(), last);
		return condition(FindingType.UNREACHABLE, facts, summary.encode(), evidence, "");
	}

	private Optional<Condition> unowned(AccountFacts facts) {
		var evidence = new LinkedHashMap<String, Object>();
		if (facts.unitId() == null) {
			evidence.put("reason", "NO_UNIT");
			evidence.put("contactEmail", facts.contactEmail());
			return Optional.of(condition(FindingType.UNOWNED, facts,
					Message.of("summary.unowned.unit").encode(), evidence, "NO_UNIT"));
		}
		if (blank(facts.contactEmail()) && facts.unitContacts().isEmpty()) {
			evidence.put("reason", "NO_CONTACT");
			evidence.put("unitId", facts.unitId());
			evidence.put("unit", facts.unitName());
			return Optional.of(condition(FindingType.UNOWNED, facts,
					Message.of("summary.unowned.contact", facts.unitName()).encode(), evidence,
					"NO_CONTACT"));
		}
		return Optional.empty();
	}

	/** The same real account registered more than once: a finding about each later registration. */
	private Optional<Condition> duplicate(AccountFacts facts, Context context) {
		var sameAccount = others(context.sameAccount().get(facts.accountId()), facts.accountId());
		if (sameAccount.isEmpty()) {
			return Optional.empty();
		}
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("sameAccount", peers(sameAccount));
		evidence.put("platformId", facts.state() != null ? facts.state().platformId() : null);
		return Optional.of(condition(FindingType.DUPLICATE, facts,
				Message.of("summary.duplicate", facts.platform().label(), names(sameAccount)).encode(),
				evidence, "account:" + ids(sameAccount)));
	}

	/**
	 * Why an account's own DUPLICATE no longer holds although its unit runs other accounts on its network: that is one
	 * finding about the unit now. An account's own finding written before units had theirs may still stand.
	 */
	private @Nullable String reportedForUnit(AccountFacts facts, Context context) {
		var group = (facts.unitId() == null) ? null
				: context.units().get(new Context.UnitNetwork(facts.unitId(), facts.platform()));
		if (group == null) {
			return null;
		}
		var cleared = sameUnitCleared(group);
		return (cleared != null) ? cleared
				: Message.of("reason.reportedForUnit", group.unitName(), group.platform().label()).encode();
	}

	/**
	 * One unit running several active accounts on one network: one finding about the unit and the network, whatever
	 * the number of accounts, listing the oldest few and counting all; none when the unit runs many accounts by design.
	 */
	Optional<Condition> sameUnit(Context.UnitGroup group) {
		if (group.accounts() < 2 || group.manyByDesign()) {
			return Optional.empty();
		}
		var platform = group.platform();
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("unitId", group.unitId());
		evidence.put("unit", group.unitName());
		evidence.put("platform", platform.id());
		evidence.put("accounts", group.accounts());
		evidence.put("firstAccounts", peers(group.first()));
		var named = group.first().subList(0, Math.min(SUMMARY_PEERS, group.first().size()));
		int more = group.accounts() - named.size();
		var summary = ((more > 0)
				? Message.of("summary.unitDuplicate.more", group.unitName(), group.accounts(), platform.label(),
						names(named), more)
				: Message.of("summary.unitDuplicate", group.unitName(), group.accounts(), platform.label(), names(named)))
			.encode();
		// Material: which accounts the unit runs there, all of them (a digest, whatever their number).
		var fingerprint = "accounts:" + group.accounts() + ":" + group.digest();
		var subject = Message.of("subject.unit", group.unitName(), platform.label()).encode();
		return Optional.of(new Condition(FindingType.DUPLICATE, Condition.unitKey(group.unitId(), platform), null,
				group.unitId(), group.organizationId(), platform, subject, summary, evidence, fingerprint));
	}

	/** Why a unit's finding resolves although the unit still runs several accounts on the network, or null. */
	@Nullable String sameUnitCleared(Context.UnitGroup group) {
		return group.manyByDesign() ? Message.of("reason.manyByDesign", group.unitName()).encode() : null;
	}

	/** The group's older members: the oldest registration is the original, the later ones the duplicates. */
	private static List<Context.Peer> others(@Nullable List<Context.Peer> group, long accountId) {
		if (group == null || group.size() < 2 || group.getFirst().accountId() == accountId) {
			return List.of();
		}
		return group.stream().filter(peer -> peer.accountId() != accountId).toList();
	}

	private static String names(List<Context.Peer> peers) {
		return peers.stream().map(peer -> peer.handle() + " (#" + peer.accountId() + ")").collect(Collectors.joining(", "));
	}

	private static String ids(List<Context.Peer> peers) {
		return peers.stream().map(peer -> String.valueOf(peer.accountId())).collect(Collectors.joining(","));
	}

	private static List<Map<String, Object>> peers(List<Context.Peer> peers) {
		return peers.stream().<Map<String, Object>>map(peer -> Map.of("accountId", peer.accountId(), "handle", peer.handle())).toList();
	}

	/**
	 * The organization's guidelines the account breaks.
	 * @param profileKnown whether the last check read the profile (else only the handle can be judged)
	 */
	private Optional<Condition> guideline(AccountFacts facts, boolean profileKnown) {
		var guideline = facts.guideline();
		var broken = new LinkedHashMap<String, Message>();
		if (guideline.handlePattern() != null && !Pattern.compile(guideline.handlePattern()).matcher(facts.handle()).find()) {
			broken.put("HANDLE_PATTERN", Message.of("guideline.HANDLE_PATTERN", guideline.handlePattern()));
		}
		var profile = facts.profile();
		if (profileKnown && profile != null) {
			if (guideline.avatar() && SHOW_AVATARS.contains(facts.platform())
					&& (blank(profile.avatarUrl()) || profile.avatarUrl().contains("/missing.png"))) {
				broken.put("AVATAR", Message.of("guideline.AVATAR"));
			}
			if (guideline.displayNameContainsName() && !namesOrganization(profile.displayName(), facts)) {
				broken.put("DISPLAY_NAME", blank(profile.displayName())
						? Message.of("guideline.DISPLAY_NAME.none", facts.organizationName())
						: Message.of("guideline.DISPLAY_NAME", abbreviate(profile.displayName(), 100),
								facts.organizationName()));
			}
			if (guideline.officialLink() && !facts.officialDomains().isEmpty() && !linksOfficialDomain(profile, facts)) {
				broken.put("OFFICIAL_LINK", Message.of("guideline.OFFICIAL_LINK", String.join(", ", facts.officialDomains())));
			}
		}
		if (broken.isEmpty()) {
			return Optional.empty();
		}
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("broken", List.copyOf(broken.keySet()));
		evidence.put("details", broken.values().stream().map(Message::encode).toList());
		if (profile != null) {
			evidence.put("displayName", profile.displayName());
			evidence.put("avatarUrl", profile.avatarUrl());
		}
		evidence.put("organizationGuidelines", guideline.custom());
		var details = List.<Object>copyOf(broken.values());
		var summary = ((broken.size() == 1) ? Message.of("summary.guideline.one", details)
				: Message.of("summary.guideline.many", broken.size(), details)).encode();
		return Optional.of(condition(FindingType.GUIDELINE, facts, summary, evidence,
				String.join(",", new TreeSet<>(broken.keySet()))));
	}

	private Optional<Condition> oneWay(AccountFacts facts, AccountFacts.State state) {
		var share = state.replyShare();
		var posts = state.recentPosts();
		var oneWay = properties.oneWay();
		if (share == null || posts == null || posts < oneWay.posts() || share >= oneWay.maxReplyShare()) {
			return Optional.empty();
		}
		long replies = Math.round(share * posts);
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("replies", replies);
		evidence.put("posts", posts);
		evidence.put("replyShare", share);
		evidence.put("minimumShare", oneWay.maxReplyShare());
		return Optional.of(condition(FindingType.ONE_WAY, facts,
				Message.of("summary.oneWay", replies, posts, share, oneWay.maxReplyShare()).encode(),
				evidence, ""));
	}

	private static boolean namesOrganization(@Nullable String displayName, AccountFacts facts) {
		if (displayName == null) {
			return false;
		}
		var name = fold(displayName);
		if (name.contains(fold(facts.organizationName()))) {
			return true;
		}
		return facts.aliases().stream().anyMatch(alias -> !alias.isBlank() && name.contains(fold(alias)));
	}

	private static boolean linksOfficialDomain(AccountFacts.ProfileFacts profile, AccountFacts facts) {
		var texts = new ArrayList<String>(profile.links());
		if (profile.bio() != null) {
			texts.add(profile.bio());
		}
		for (var text : texts) {
			var matcher = DOMAIN.matcher(text);
			while (matcher.find()) {
				var host = matcher.group(1).toLowerCase(Locale.ROOT);
				for (var domain : facts.officialDomains()) {
					var official = domain.toLowerCase(Locale.ROOT);
					if (host.equals(official) || host.endsWith("." + official)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static String fold(String text) {
		return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
	}

	private static void supersede(Map<FindingType, String> reasons, FindingType by, FindingType... types) {
		for (var type : types) {
			reasons.put(type, Message.of("reason.superseded", Message.of("type." + by.name())).encode());
		}
	}

	private static Condition condition(FindingType type, AccountFacts facts, String summary, Map<String, Object> evidence,
			String fingerprint) {
		return new Condition(type, Condition.accountKey(facts.accountId()), facts.accountId(), null,
				facts.organizationId(), facts.platform(), facts.subject(), summary, evidence, fingerprint);
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private static String abbreviate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

}
