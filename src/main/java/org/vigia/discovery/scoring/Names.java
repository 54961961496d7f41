package org.vigia.discovery.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import org.jspecify.annotations.Nullable;

/**
 * Names as people read them: the normal form two display names share when they differ only in width, case, accents,
 * emoji and check marks, invisible characters or the usual abbreviations ("Ayto. de Madrid ✔" and "Ayuntamiento de
 * Madrid"), and the confusable key two strings share when they only look alike (TR39 skeleton plus the ASCII
 * look-alikes ICU leaves apart: 1/l/i, 0/o, rn/m, vv/w, cl/d). Thread safe.
 */
public final class Names {

	private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

	/** NFKC with case folding, decomposed, in one pass: accents come out as separate marks to drop. */
	private static final Normalizer2 NFKD_CASEFOLD = Normalizer2.getInstance(null, "nfkc_cf",
			Normalizer2.Mode.DECOMPOSE);

	/** Built once: a built SpoofChecker is immutable and safe to share between threads. */
	private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();

	/** Abbreviations of institution words as they appear in display names, without their dot. */
	static final Map<String, String> ABBREVIATIONS = Map.ofEntries(Map.entry("ayto", "ayuntamiento"),
			Map.entry("aytto", "ayuntamiento"), Map.entry("ajunt", "ajuntament"), Map.entry("aj", "ajuntament"), Map.entry("gob", "gobierno"),
			Map.entry("gobno", "gobierno"), Map.entry("mun", "municipalidad"), Map.entry("muni", "municipalidad"),
			Map.entry("mpal", "municipal"), Map.entry("mpio", "municipio"), Map.entry("univ", "universidad"),
			Map.entry("dip", "diputacion"), Map.entry("diput", "diputacion"), Map.entry("gral", "general"),
			Map.entry("dpto", "departamento"), Map.entry("pcia", "provincia"), Map.entry("prov", "provincia"),
			Map.entry("excmo", ""), Map.entry("excma", ""), Map.entry("ilmo", ""), Map.entry("ilma", ""));

	private static final Map<String, String> ABBREVIATION_KEYS;

	static {
		var keys = new java.util.HashMap<String, String>();
		ABBREVIATIONS.forEach((abbreviation, word) -> keys.put(confusable(abbreviation), word));
		ABBREVIATION_KEYS = Map.copyOf(keys);
	}

	/** Words that join a name's parts and distinguish nothing. */
	static final Set<String> CONNECTORS = Set.of("de", "del", "la", "las", "el", "los", "l", "d", "da", "do", "dos",
			"das", "of", "the", "y", "i", "e", "en");

	/** Words impersonators add to look official; they do not make a name another one. */
	static final Set<String> OFFICIAL_WORDS = Set.of("oficial", "official", "oficiais", "verificado", "verified",
			"cuenta", "account", "perfil", "profile");

	private Names() {
	}

	/**
	 * The normal form of a display name: NFKC, case folded, accents, emoji, symbols and invisible characters removed,
	 * punctuation turned into spaces, common abbreviations expanded (Ayto. to ayuntamiento, Gob. to gobierno, Mun. to
	 * municipalidad); words separated by single spaces. Empty for a null or blank name.
	 */
	public static String normalise(@Nullable String displayName) {
		return String.join(" ", words(displayName));
	}

	/**
	 * Text in a display name that looks like markup and names nothing: HTML tags and character references, BBCode
	 * tags, Mastodon's custom emoji shortcodes ({@code :verified:}). Platforms show it as it is; readers skip it.
	 */
	private static final java.util.regex.Pattern MARKUP = java.util.regex.Pattern.compile(
			"<[/!?]?[a-zA-Z][^<>]{0,200}>|&(?:[a-zA-Z]{2,10}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});"
					+ "|\\[/?[a-zA-Z]{1,10}(?:=[^\\[\\]]{0,60})?\\]|:[a-zA-Z0-9_]{2,40}:");

	/** The words of a display name: those of {@link #words}, once text that looks like markup is left out. */
	static List<String> displayWords(@Nullable String displayName) {
		if (displayName == null || displayName.isEmpty()) {
			return List.of();
		}
		var text = (displayName.length() > 1000) ? displayName.substring(0, 1000) : displayName;
		return words(MARKUP.matcher(text).replaceAll(" "));
	}

	/**
	 * The part of an institution's name that says which one it is, as written: "La Orotava" of "Ayuntamiento de La
	 * Orotava", "Vilafranca del Penedès" of "Policía Local de Vilafranca del Penedès", "Madrid" of "Ayto. de Madrid":
	 * the name without the words every institution of its kind shares and the connectors around them. Null when
	 * nothing is left, or nothing was taken away.
	 */
	public static @Nullable String place(@Nullable String name) {
		if (name == null) {
			return null;
		}
		var tokens = name.strip().split("\\s+");
		int first = 0;
		int last = tokens.length;
		while (first < last && sharedOrConnector(tokens[first])) {
			first++;
		}
		while (last > first && sharedOrConnector(tokens[last - 1])) {
			last--;
		}
		if (first >= last || (first == 0 && last == tokens.length)) {
			return null;
		}
		return String.join(" ", java.util.Arrays.asList(tokens).subList(first, last));
	}

	/** The words of a text folded and run together, as handles write a name: "laorotava" of "La Orotava". */
	public static String compact(@Nullable String text) {
		return String.join("", words(text));
	}

	/** What joins an institution's kind to its place; articles ("La Orotava", "El Escorial") belong to the place. */
	private static final Set<String> PREPOSITIONS = Set.of("de", "del", "d", "da", "do", "dos", "das", "of");

	private static boolean sharedOrConnector(String token) {
		for (var word : words(token)) {
			var key = confusable(word);
			if (!PREPOSITIONS.contains(word) && !OFFICIAL_WORDS.contains(word)
					&& !PreparedInstitution.Generic.isGeneric(key)) {
				return false;
			}
		}
		return true;
	}

	/** Letters with dots between them: an acronym such as C.D. (club deportivo) or U.D., one word and not a few. */
	private static final java.util.regex.Pattern ACRONYM = java.util.regex.Pattern
		.compile("(?<![\\p{L}\\p{N}])\\p{L}(?:\\.\\p{L})+\\.?(?![\\p{L}\\p{N}])");

	/** The words of {@link #normalise}, in order. */
	static List<String> words(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		var visible = withoutInvisible(text);
		if (visible.indexOf('.') >= 0) {
			visible = ACRONYM.matcher(visible).replaceAll(match -> match.group().replace(".", ""));
		}
		var folded = NFKD_CASEFOLD.normalize(visible);
		var words = new ArrayList<String>();
		var word = new StringBuilder();
		for (int i = 0; i < folded.length();) {
			int cp = folded.codePointAt(i);
			i += Character.charCount(cp);
			int type = UCharacter.getType(cp);
			if (type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.ENCLOSING_MARK) {
				continue;
			}
			if (UCharacter.isLetterOrDigit(cp)) {
				word.appendCodePoint(cp);
			}
			else if (word.length() > 0) {
				add(words, word);
			}
		}
		if (word.length() > 0) {
			add(words, word);
		}
		return words;
	}

	private static void add(List<String> words, StringBuilder word) {
		var text = word.toString();
		word.setLength(0);
		var expanded = ABBREVIATIONS.get(text);
		if (expanded == null && text.length() <= 6 && !isAscii(text)) {
			// "Aytо." with a Cyrillic о is still the abbreviation.
			expanded = ABBREVIATION_KEYS.get(confusable(text));
		}
		if (expanded == null) {
			words.add(text);
		}
		else if (!expanded.isEmpty()) {
			words.add(expanded);
		}
	}

	/** Confusable keys of the connectors and "official" words, so a Cyrillic "dе" is still a connector. */
	static final Set<String> IGNORED_KEYS;

	static {
		var keys = new java.util.HashSet<String>();
		CONNECTORS.forEach((word) -> keys.add(confusable(word)));
		OFFICIAL_WORDS.forEach((word) -> keys.add(confusable(word)));
		IGNORED_KEYS = Set.copyOf(keys);
	}

	/**
	 * The confusable key of a string: two strings with the same key look alike. Lower-cased; non-ASCII text goes
	 * through the TR39 skeleton (Cyrillic а reads as Latin a); then ASCII look-alikes ICU keeps apart are unified.
	 */
	static String confusable(String text) {
		var lower = text.toLowerCase(Locale.ROOT);
		if (!isAscii(lower)) {
			var skeleton = SPOOF.getSkeleton(NFKC_CASEFOLD.normalize(lower)).toLowerCase(Locale.ROOT);
			if (!isAscii(skeleton)) {
				// Case folding turned a look-alike capital (Cyrillic М) into a letter that looks like none (м).
				var upper = SPOOF.getSkeleton(text.toUpperCase(Locale.ROOT)).toLowerCase(Locale.ROOT);
				if (isAscii(upper)) {
					skeleton = upper;
				}
			}
			lower = skeleton;
		}
		var key = new StringBuilder(lower.length() + 4);
		for (int i = 0; i < lower.length(); i++) {
			char c = lower.charAt(i);
			switch (c) {
				case '0' -> key.append('o');
				case '1', 'i', '|', '!' -> key.append('l');
				case '3' -> key.append('e');
				case '4', '@' -> key.append('a');
				case '5', '$' -> key.append('s');
				case '7' -> key.append('t');
				case 'm' -> key.append("rn");
				case 'w' -> key.append("vv");
				case 'd' -> key.append("cl");
				default -> key.append(c);
			}
		}
		return key.toString();
	}

	/** Whether a character is invisible when rendered: format controls, zero-width and bidi marks, fillers. */
	static boolean isInvisible(int cp) {
		return UCharacter.getType(cp) == UCharacterCategory.FORMAT || (cp >= 0xFE00 && cp <= 0xFE0F)
				|| (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164
				|| cp == 0xFFA0 || cp == 0x180E;
	}

	/** The first invisible character in the text, or -1. */
	static int firstInvisible(@Nullable String text) {
		if (text == null) {
			return -1;
		}
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			if (isInvisible(cp) && !isEmojiJoinerInEmoji(text, i, cp)) {
				return cp;
			}
			i += Character.charCount(cp);
		}
		return -1;
	}

	/** Zero-width joiners and variation selectors are part of ordinary emoji sequences; alone in words they hide. */
	private static boolean isEmojiJoinerInEmoji(String text, int index, int cp) {
		if (cp != 0x200D && !(cp >= 0xFE00 && cp <= 0xFE0F)) {
			return false;
		}
		if (index == 0) {
			return false;
		}
		int before = text.codePointBefore(index);
		return !UCharacter.isLetterOrDigit(before) && !Character.isWhitespace(before);
	}

	static String withoutInvisible(String text) {
		StringBuilder out = null;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			int next = i + Character.charCount(cp);
			if (isInvisible(cp)) {
				if (out == null) {
					out = new StringBuilder(text.length()).append(text, 0, i);
				}
			}
			else if (out != null) {
				out.appendCodePoint(cp);
			}
			i = next;
		}
		return (out == null) ? text : out.toString();
	}

	/**
	 * The scripts of the letters when they mix more than one (Common and Inherited characters such as digits and
	 * accents do not count), e.g. "Latin+Cyrillic"; null when the letters are all of one script. Han, Hiragana and
	 * Katakana together are one writing system, as are Han and Hangul.
	 */
	static @Nullable String mixedScripts(@Nullable String text) {
		if (text == null) {
			return null;
		}
		int first = -1;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			if (cp < 0x80 && !Character.isLetter(cp)) {
				continue;
			}
			int script = UScript.getScript(cp);
			if (script == UScript.COMMON || script == UScript.INHERITED || script == UScript.UNKNOWN) {
				continue;
			}
			script = cjk(script);
			if (first == -1) {
				first = script;
			}
			else if (script != first) {
				return UScript.getName(first) + "+" + UScript.getName(script);
			}
		}
		return null;
	}

	private static int cjk(int script) {
		return (script == UScript.HIRAGANA || script == UScript.KATAKANA || script == UScript.HANGUL) ? UScript.HAN
				: script;
	}

	static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	/** A code point as people report it: the character and U+XXXX. */
	static String describe(int cp) {
		return String.format(Locale.ROOT, "U+%04X %s", cp, UCharacter.getName(cp));
	}

}
