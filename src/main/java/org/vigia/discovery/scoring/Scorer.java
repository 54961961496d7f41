package org.vigia.discovery.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Message;
import org.vigia.discovery.scoring.PreparedInstitution.Account;
import org.vigia.discovery.scoring.PreparedInstitution.Bio;
import org.vigia.discovery.scoring.PreparedInstitution.Generic;
import org.vigia.discovery.scoring.PreparedInstitution.Name;

/**
 * Scores how much a candidate account looks like an institution's official accounts, as a sum of points from
 * transparent signals, each one a {@link Reason} saying what it saw. Signals for impersonation: a handle that is an
 * official one on another server, with look-alike characters, with one or two edits or with an affix; a display name
 * equal or near to an official name after normalisation; mixed scripts or invisible characters; a copied bio, copied
 * official links, a look-alike avatar; a young account. Signals against: a distinctive word that differs (another
 * town), distinctive words added to the institution's (a department, a club, a shop), a declared parody or fan
 * account, an allowlisted namesake.
 * <p>
 * Trade-off on departments: "Biblioteca Municipal de Madrid" shares the town and often links to the official site,
 * but adds a distinctive word, so it stays below the threshold unless its handle or avatar imitates a specific
 * official account; a department that copies the main account's handle pattern ("aytomadrid_cultura") will be
 * flagged and has to be registered or allowlisted.
 * <p>
 * Thread safe: one instance serves parallel scoring.
 */
public final class Scorer {

	/** Affixes impersonators add to an official handle. */
	private static final Set<String> AFFIXES = Set.of("oficial", "official", "ofi", "of", "info", "informa",
			"informacion", "prensa", "press", "ayuda", "help", "soporte", "support", "news", "noticias", "comunica",
			"atencion", "verificado", "verified", "team", "equipo", "hq", "the", "el", "la", "es", "esp", "spain", "ar",
			"mx", "co", "cl", "pe", "uy", "ve", "ec", "bo", "py", "cr", "gt", "hn", "sv", "ni", "pa", "do", "cu", "pr",
			"gal", "cat", "eus", "gob", "gov", "web", "online", "tv", "24", "ok", "2024", "2025", "2026");

	private static final Set<String> AFFIX_KEYS = AFFIXES.stream().map(Names::confusable)
		.collect(java.util.stream.Collectors.toUnmodifiableSet());

	/** Single words that declare a parody, fan or unofficial account, normalised (lower case, no accents). */
	private static final Set<String> DECLARING_WORDS = Set.of("parodia", "parody", "parodie", "satira", "satire",
			"unofficial", "fanpage", "fanaccount", "noficial");

	/** Two-word declarations. */
	private static final Set<String> DECLARING_PAIRS = Set.of("fan account", "cuenta fan", "fan page", "de fans",
			"fans de", "no oficial", "not official", "non official", "not affiliated", "sin vinculacion", "no somos",
			"no afiliada", "no afiliado", "no vinculada", "no vinculado", "fake account", "cuenta falsa");

	private final ScoringWeights weights;

	public Scorer(ScoringWeights weights) {
		this.weights = Objects.requireNonNull(weights, "weights");
	}

	public ScoringWeights weights() {
		return this.weights;
	}

	/** Precomputes the institution's normalised names, handle keys and bio trigrams, once per institution. */
	public PreparedInstitution prepare(Institution institution) {
		return new PreparedInstitution(Objects.requireNonNull(institution, "institution"));
	}

	/** The candidate's score against the institution at the given time (for the account's age). */
	public Score score(Identity candidate, PreparedInstitution institution, Instant now) {
		var handle = HandleName.of(candidate.platform(), candidate.handle());
		var reasons = new ArrayList<Reason>();
		var allowed = institution.allowlist.get(handle.full());
		if (allowed != null) {
			reasons.add(Reason.of("allowlisted", this.weights.allowlisted(), "reason.allowlisted", handle.full(),
					allowed));
		}

		// Per official account: handle, bio and avatar; the account with the most points is the one imitated.
		var bioWords = (candidate.bio() == null) ? List.<String>of() : Bio.words(candidate.bio());
		var bio = Bio.trigrams(bioWords);
		Account best = null;
		List<Reason> bestReasons = List.of();
		int bestPoints = 0;
		for (var account : institution.accounts) {
			var accountReasons = new ArrayList<Reason>(3);
			var handleReason = handle(handle, candidate.platform(), account);
			if (handleReason != null) {
				accountReasons.add(handleReason);
			}
			int similarity = Bio.similarity(bio, account.bio());
			if (similarity >= this.weights.bioCopiedPercent()) {
				accountReasons.add(Reason.of("bio-copied", this.weights.bioCopied(), "reason.bioCopied", similarity,
						account.handle().full()));
			}
			var avatar = avatar(candidate.avatarHash(), account);
			if (avatar != null) {
				accountReasons.add(avatar);
			}
			int points = sum(accountReasons);
			boolean samePlatform = account.identity().platform() == candidate.platform();
			if (points > bestPoints || (points == bestPoints && points > 0 && best != null && samePlatform
					&& best.identity().platform() != candidate.platform())) {
				best = account;
				bestReasons = accountReasons;
				bestPoints = points;
			}
		}
		reasons.addAll(bestReasons);

		var displayWords = Names.displayWords(candidate.displayName());
		var displayName = (displayWords.isEmpty()) ? null
				: Name.of(Message.of("reason.source.candidate"), Objects.requireNonNull(candidate.displayName()), displayWords);
		var display = display(candidate.displayName(), displayName, institution);
		if (display != null) {
			reasons.add(display);
		}
		boolean resembles = bestPoints > 0 || display != null;
		var links = links(candidate, institution);
		if (links != null) {
			reasons.add(links);
		}
		if (resembles) {
			signsOfDisguise(candidate, reasons);
			var created = candidate.createdAt();
			if (created != null && created.isAfter(now.minus(this.weights.youngAccount())) && !created.isAfter(now)) {
				reasons.add(Reason.of("young-account", this.weights.youngAccountPoints(), "reason.youngAccount",
						java.time.LocalDate.ofInstant(created, java.time.ZoneOffset.UTC).toString(),
						this.weights.youngAccount().toDays()));
			}
		}
		// Signals against weigh a resemblance; an account that resembles nothing stays at zero.
		var against = (resembles || links != null) ? distinctive(candidate.displayName(), displayName, institution)
				: null;
		if (against != null) {
			reasons.add(against);
		}
		var declared = declared(displayWords, bioWords);
		if (declared != null) {
			reasons.add(declared);
		}
		return new Score(sum(reasons), reasons, (best == null) ? null : best.identity());
	}

	/** The candidate's verdict: registered, unregistered official (proof of control), impersonation or neither. */
	public Classification classify(Identity candidate, PreparedInstitution institution, Instant now) {
		var handle = PreparedInstitution.canonical(candidate.handle());
		for (var account : institution.accounts) {
			if (account.identity().platform() == candidate.platform() && account.handle().full().equals(handle)) {
				return new Classification(Verdict.REGISTERED, score(candidate, institution, now), null);
			}
		}
		var score = score(candidate, institution, now);
		var proof = OfficialProof.of(candidate, institution.institution.officialDomains());
		if (proof.isPresent()) {
			return new Classification(Verdict.UNREGISTERED, score, proof.get());
		}
		return new Classification(
				(score.points() >= this.weights.impersonationThreshold()) ? Verdict.IMPERSONATION : Verdict.BELOW_THRESHOLD,
				score, null);
	}

	private @Nullable Reason handle(HandleName candidate, org.vigia.platform.Platform platform, Account account) {
		var official = account.handle();
		if (candidate.compact().isEmpty() || official.compact().isEmpty()
				|| (platform == account.identity().platform() && candidate.full().equals(official.full()))) {
			return null;
		}
		var quoted = "@" + official.full();
		if (candidate.compact().equals(official.compact())) {
			Message how;
			if (!candidate.name().equals(official.name())) {
				how = Message.of("reason.handle.separators", candidate.full(), quoted);
			}
			else if (platform == account.identity().platform()) {
				how = Message.of("reason.handle.otherServer", candidate.full(), quoted, candidate.server());
			}
			else {
				how = Message.of("reason.handle.otherPlatform", candidate.full(), quoted,
						account.identity().platform().label());
			}
			return new Reason("handle-same-name", this.weights.handleSameName(), how.encode());
		}
		if (candidate.key().equals(official.key())) {
			return Reason.of("handle-confusable", this.weights.handleConfusable(), "reason.handle.confusable",
					candidate.full(), official.compact(),
					ConfusableSubstitutions.describe(candidate.compact(), official.compact()));
		}
		int shortest = Math.min(letters(candidate.compact()), letters(official.compact()));
		if (shortest >= 4) {
			int edits = edits(candidate.compact(), official.compact());
			int keyEdits = edits(candidate.key(), official.key());
			if (keyEdits >= 0 && (edits < 0 || keyEdits < edits)) {
				edits = keyEdits;
			}
			if (edits == 1) {
				return Reason.of("handle-edit", this.weights.handleEditOne(), "reason.handle.oneEdit", candidate.full(),
						quoted);
			}
			if (edits == 2 && shortest >= 8) {
				return Reason.of("handle-edit", this.weights.handleEditTwo(), "reason.handle.twoEdits", candidate.full(),
						quoted);
			}
		}
		return affix(candidate, official, quoted);
	}

	/** The edit distance between two handles' forms up to two, -1 beyond ({@link Edits}). */
	static int edits(String a, String b) {
		return Edits.within(a, b, 2);
	}

	/** How many letters (code points) a handle's form has: an emoji is one, as {@link Edits} counts it. */
	private static int letters(String text) {
		return text.codePointCount(0, text.length());
	}

	/** False when the two texts are certainly more than {@code limit} edits apart, told by their letters alone. */
	static boolean withinEdits(String a, String b, int limit) {
		return Edits.lettersWithin(Edits.codePoints(a), Edits.codePoints(b), limit);
	}

	private @Nullable Reason affix(HandleName candidate, HandleName official, String quoted) {
		if (official.compact().length() < 4) {
			return null;
		}
		var text = candidate.compact();
		int at = text.indexOf(official.compact());
		int length = official.compact().length();
		var known = AFFIXES;
		if (at < 0) {
			// Look-alike characters inside an affixed handle: compare confusable keys.
			text = candidate.key();
			at = text.indexOf(official.key());
			if (at < 0) {
				return null;
			}
			length = official.key().length();
			known = AFFIX_KEYS;
		}
		var prefix = text.substring(0, at);
		var suffix = text.substring(at + length);
		if (prefix.isEmpty() && suffix.isEmpty()) {
			return null;
		}
		if ((prefix.isEmpty() || known.contains(prefix)) && (suffix.isEmpty() || known.contains(suffix))) {
			return Reason.of("handle-affix", this.weights.handleAffix(),
					(known == AFFIXES) ? "reason.handle.affix" : "reason.handle.affixConfusable", candidate.full(), quoted,
					(known == AFFIXES) ? prefix + suffix : affixOf(candidate.compact(), prefix, suffix));
		}
		// An unknown affix counts only when a separator sets it off: "lugones" is another town, "lugo_fc" is not.
		var name = candidate.name();
		int index = name.indexOf(official.name());
		boolean separated = index >= 0 && ((index > 0 && isSeparator(name.charAt(index - 1)))
				|| (index + official.name().length() < name.length()
						&& isSeparator(name.charAt(index + official.name().length()))));
		if (separated && prefix.length() + suffix.length() <= 12) {
			return Reason.of("handle-affix", this.weights.handleAffixOther(), "reason.handle.affix", candidate.full(),
					quoted, prefix + suffix);
		}
		return null;
	}

	/** The candidate's own characters where the key-form affix sits, assuming one character per key character. */
	private static String affixOf(String compact, String prefix, String suffix) {
		int end = Math.max(0, compact.length() - suffix.length());
		return compact.substring(0, Math.min(prefix.length(), compact.length())) + compact.substring(end);
	}

	private static boolean isSeparator(char c) {
		return c == '.' || c == '_' || c == '-';
	}

	private @Nullable Reason avatar(@Nullable Long hash, Account account) {
		var official = account.identity().avatarHash();
		if (hash == null || official == null) {
			return null;
		}
		int bits = AvatarHash.distance(hash, official);
		var detail = Message.of("reason.avatar", bits, account.handle().full()).encode();
		if (bits <= this.weights.avatarCloseBits()) {
			return new Reason("avatar-similar", this.weights.avatarClose(), detail);
		}
		if (bits <= this.weights.avatarNearBits()) {
			return new Reason("avatar-similar", this.weights.avatarNear(), detail);
		}
		return null;
	}

	private @Nullable Reason display(@Nullable String raw, @Nullable Name candidate, PreparedInstitution institution) {
		if (raw == null || candidate == null || candidate.isEmpty()) {
			return null;
		}
		Name contained = null;
		Name near = null;
		for (var name : institution.names) {
			if (name.isEmpty()) {
				continue;
			}
			if (name.keySet().equals(candidate.keySet())) {
				return Reason.of("display-equal", this.weights.displayEqual(), "reason.display.equal", clip(raw),
						name.source(), clip(name.raw()));
			}
			if (contained == null && wornInside(candidate, name)) {
				contained = name;
			}
			if (near == null && isNear(candidate, name)) {
				near = name;
			}
		}
		if (contained != null) {
			// As telling as an equal name: what surrounds it is decoration.
			return Reason.of("display-contains", this.weights.displayEqual(), "reason.display.contains", clip(raw),
					contained.source(), clip(contained.raw()));
		}
		if (near != null) {
			return Reason.of("display-near", this.weights.displayNear(), "reason.display.near", clip(raw),
					near.source(), clip(near.raw()));
		}
		return null;
	}

	/**
	 * Whether the candidate's name holds an official name whole, its words in order and together, and nothing else
	 * that names anything: what surrounds it is decoration (a flag, "Información", an emoji row, markup, a number).
	 * Only a name that says what the institution is counts ("Ayuntamiento de Riofrío", not the bare "Riofrío" an
	 * account may be called), so a hotel or a club that shares the town's name wears no official name; and a name
	 * with a distinctive word around it ("Cultura - Ayto. de Riofrío") is a department's, a club's or a shop's until
	 * its handle or avatar says otherwise.
	 */
	private static boolean wornInside(Name candidate, Name name) {
		if (name.keys().size() < 2 || candidate.keys().size() <= name.keys().size() || name.distinctive().isEmpty()
				|| name.distinctive().size() == name.keySet().size()) {
			return false;
		}
		int at = java.util.Collections.indexOfSubList(candidate.keys(), name.keys());
		if (at < 0) {
			return false;
		}
		for (int i = 0; i < candidate.keys().size(); i++) {
			boolean outside = i < at || i >= at + name.keys().size();
			if (outside && candidate.distinctive().containsKey(candidate.keys().get(i))
					&& !name.keySet().contains(candidate.keys().get(i))) {
				return false;
			}
		}
		return true;
	}

	/** Within two edits, or the official name plus generic words only ("... Informa", "... Noticias"). */
	private static boolean isNear(Name candidate, Name name) {
		if (candidate.keySet().containsAll(name.keySet())) {
			boolean onlyGeneric = true;
			for (var key : candidate.keys()) {
				if (!name.keySet().contains(key) && !Generic.isGeneric(key)) {
					onlyGeneric = false;
					break;
				}
			}
			if (onlyGeneric) {
				return true;
			}
		}
		int shortest = Math.min(candidate.joined().length(), name.joined().length());
		return shortest >= 8 && Math.abs(candidate.joined().length() - name.joined().length()) <= 2
				&& edits(candidate.joined(), name.joined()) >= 0;
	}

	private @Nullable Reason links(Identity candidate, PreparedInstitution institution) {
		for (var link : candidate.links()) {
			var host = OfficialProof.hostOf(link.url());
			if (host == null) {
				continue;
			}
			var domain = OfficialProof.under(host, institution.domains);
			var normalised = Bio.link(link.url());
			if (domain != null || (normalised != null && institution.officialLinks.contains(normalised))) {
				var verified = Message.of(link.verified() ? "reason.verified" : "reason.unverified");
				return (domain != null)
						? Reason.of("links-copied", this.weights.linksCopied(), "reason.links.domain",
								clip(link.url().strip()), domain, verified)
						: Reason.of("links-copied", this.weights.linksCopied(), "reason.links.account",
								clip(link.url().strip()), verified);
			}
		}
		return null;
	}

	private void signsOfDisguise(Identity candidate, List<Reason> reasons) {
		var mixedHandle = Names.mixedScripts(candidate.handle());
		var mixedName = Names.mixedScripts(candidate.displayName());
		if (mixedHandle != null) {
			reasons.add(Reason.of("mixed-script", this.weights.mixedScript(), "reason.mixed.handle", candidate.handle(),
					mixedHandle));
		}
		else if (mixedName != null) {
			reasons.add(Reason.of("mixed-script", this.weights.mixedScript(), "reason.mixed.name",
					clip(candidate.displayName()), mixedName));
		}
		int inHandle = Names.firstInvisible(candidate.handle());
		int inName = Names.firstInvisible(candidate.displayName());
		if (inHandle >= 0 || inName >= 0) {
			reasons.add(Reason.of("invisible", this.weights.invisible(),
					(inHandle >= 0) ? "reason.invisible.handle" : "reason.invisible.name",
					Names.describe((inHandle >= 0) ? inHandle : inName)));
		}
	}

	private @Nullable Reason distinctive(@Nullable String raw, @Nullable Name name, PreparedInstitution institution) {
		if (raw == null || name == null || institution.distinctive.isEmpty()) {
			return null;
		}
		var candidate = name.distinctive();
		if (candidate.isEmpty()) {
			return null;
		}
		var extra = new ArrayList<String>();
		var matched = new java.util.HashSet<String>();
		for (var entry : candidate.entrySet()) {
			var match = match(entry.getKey(), institution);
			if (match == null) {
				extra.add(entry.getValue());
			}
			else {
				matched.add(match);
			}
		}
		if (extra.isEmpty()) {
			return null;
		}
		var missing = new ArrayList<String>();
		for (var key : institution.primaryDistinctive) {
			if (!matched.contains(key)) {
				missing.add(institution.distinctive.get(key));
			}
		}
		missing.sort(null);
		if (matched.isEmpty() || !missing.isEmpty()) {
			var theirs = missing.isEmpty() ? institution.distinctive.values().stream().sorted().toList() : missing;
			return Reason.of("distinctive-token", this.weights.distinctiveToken(), "reason.distinctive", clip(raw),
					quote(extra), quote(theirs));
		}
		return Reason.of("extra-token", this.weights.extraToken(), "reason.extra", clip(raw), quote(extra));
	}

	/** The institution's distinctive key this one is, or is one edit from (a typo of a name of five or more). */
	private static @Nullable String match(String key, PreparedInstitution institution) {
		if (institution.distinctive.containsKey(key)) {
			return key;
		}
		if (key.length() >= 5) {
			for (var theirs : institution.distinctive.keySet()) {
				if (theirs.length() >= 5 && Edits.within(key, theirs, 1) >= 0) {
					return theirs;
				}
			}
		}
		return null;
	}

	private @Nullable Reason declared(List<String> displayWords, List<String> bioWords) {
		var inName = declaration(displayWords);
		var inBio = (inName == null) ? declaration(bioWords) : null;
		if (inName == null && inBio == null) {
			return null;
		}
		return Reason.of("declared-parody", this.weights.declaredParody(),
				(inName != null) ? "reason.parody.name" : "reason.parody.bio", (inName != null) ? inName : inBio);
	}

	/** The declaration among the words: a declaring word, pair, or "no es (la cuenta) oficial". */
	private static @Nullable String declaration(List<String> words) {
		for (int i = 0; i < words.size(); i++) {
			var word = words.get(i);
			if (DECLARING_WORDS.contains(word)) {
				return word;
			}
			if (i + 1 < words.size()) {
				var pair = word + " " + words.get(i + 1);
				if (DECLARING_PAIRS.contains(pair)) {
					return pair;
				}
				if (word.equals("no") && (words.get(i + 1).equals("es") || words.get(i + 1).equals("somos"))) {
					for (int j = i + 2; j < Math.min(words.size(), i + 5); j++) {
						if (words.get(j).equals("oficial")) {
							return String.join(" ", words.subList(i, j + 1));
						}
					}
				}
			}
		}
		return null;
	}

	private static int sum(List<Reason> reasons) {
		int sum = 0;
		for (var reason : reasons) {
			sum += reason.points();
		}
		return sum;
	}

	private static String quote(List<String> words) {
		return "'" + String.join("', '", words) + "'";
	}

	private static String clip(@Nullable String text) {
		if (text == null) {
			return "";
		}
		var clean = Names.withoutInvisible(text).replaceAll("\\p{Cntrl}", " ");
		return (clean.length() > 80) ? clean.substring(0, 77) + "..." : clean;
	}

}
