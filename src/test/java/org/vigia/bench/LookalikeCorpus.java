package org.vigia.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.jspecify.annotations.Nullable;
import org.vigia.discovery.scoring.AvatarHash;
import org.vigia.discovery.scoring.Identity;
import org.vigia.discovery.scoring.Institution;
import org.vigia.discovery.scoring.Link;
import org.vigia.platform.Platform;

/**
 * Generates the labelled look-alike corpus from a seed, with no downloads: fictional institutions built from real
 * naming patterns (Ayuntamiento / Concello / Ajuntament / Municipalidad / Gobierno de ..., Policía Local, Universidad,
 * Diputación) over the committed place names, their official accounts, and per institution the positives of every
 * impersonation family and hard negatives (towns with similar names, the institution's own departments, clubs and
 * businesses named after the town, declared parody and fan accounts) plus ordinary ones (other institutions, people).
 * Avatars are drawn with Java2D and hashed through {@link AvatarHash#dHash} after being re-encoded, resized or cropped.
 * <p>
 * Labels live only here: the scorer sees identities, never families or labels.
 */
final class LookalikeCorpus {

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	/** The impersonation families, each a way impersonators make a look-alike. */
	static final List<String> FAMILIES = List.of("homoglyph-0/o", "homoglyph-1/l/i", "homoglyph-rn/m",
			"homoglyph-vv/w", "homoglyph-cl/d", "omission", "repetition", "transposition", "neighbour-insertion",
			"neighbour-replacement", "vowel-swap", "separator", "affix", "other-server", "display-cyrillic",
			"display-greek", "display-invisible", "display-abbreviation", "display-oficial", "display-checkmark",
			"bio-copied", "avatar-copied", "display-worn");

	/** The hard negatives (namesakes), whose false positive rate has its own goal. */
	static final List<String> HARD = List.of("similar-town", "department", "club-business", "parody-fan",
			"town-namesake");

	record Place(String name, String region, String slug) {
	}

	record Case(Identity candidate, boolean positive, String family) {
	}

	record Entry(Institution institution, List<Case> cases) {
	}

	private enum Kind {

		AYUNTAMIENTO("Ayuntamiento de %s", List.of("Ayto. de %s", "Ayto. %s"),
				List.of("ayto|%s", "ayuntamiento|%s", "ayuntamientode|%s", "%s", "ayto|%s|oficial"),
				List.of("%s.es", "ayto%s.es", "ayuntamiento%s.org")),
		CONCELLO("Concello de %s", List.of("Concello %s"), List.of("concello|%s", "concellode|%s", "%s|concello"),
				List.of("%s.gal", "concello%s.gal")),
		AJUNTAMENT("Ajuntament de %s", List.of("Aj. de %s", "Ajuntament %s"), List.of("aj|%s", "ajuntament|%s", "%s"),
				List.of("%s.cat", "aj%s.cat")),
		MUNICIPALIDAD("Municipalidad de %s", List.of("Muni de %s", "Mun. de %s"),
				List.of("muni|%s", "munide|%s", "municipalidad|%s", "mun|%s"),
				List.of("muni%s.gob.pe", "%s.gob.ar", "muni%s.cl")),
		GOBIERNO("Gobierno de %s", List.of("Gob. de %s", "Gobierno %s"), List.of("gob|%s", "gobierno|%s", "%s|gob"),
				List.of("%s.gob.mx", "gobierno%s.gob")),
		POLICIA("Policía Local de %s", List.of("Policía Local %s", "PL %s"),
				List.of("policialocal|%s", "pl|%s", "policia|%s"), List.of("%s.es", "policia%s.es")),
		UNIVERSIDAD("Universidad de %s", List.of("Univ. de %s", "U. de %s"), List.of("u|%s", "uni|%s", "univ|%s"),
				List.of("u%s.es", "uni%s.edu")),
		DIPUTACION("Diputación de %s", List.of("Dip. de %s", "Diputación Provincial de %s"),
				List.of("dip|%s", "diputacion|%s"), List.of("dip%s.es", "diputacion%s.es"));

		final String name;

		final List<String> aliases;

		final List<String> handles;

		final List<String> domains;

		Kind(String name, List<String> aliases, List<String> handles, List<String> domains) {
			this.name = name;
			this.aliases = aliases;
			this.handles = handles;
			this.domains = domains;
		}

	}

	/** An institution as the generator knows it: the parts its handle is made of, so permutations stay realistic. */
	private record Made(Institution institution, Kind kind, Place place, String placeSlug, List<String> handleParts,
			String domain, String bio, long avatarSeed) {
	}

	private static final String[] FIRST = { "maria", "jose", "carmen", "antonio", "lucia", "javier", "ana", "david",
			"laura", "pablo", "marta", "sergio", "elena", "manuel", "sara", "jorge", "paula", "alberto", "nuria", "ines" };

	private static final String[] LAST = { "garcia", "lopez", "martinez", "sanchez", "perez", "gomez", "fernandez",
			"ruiz", "diaz", "moreno", "alvarez", "romero", "navarro", "torres", "dominguez", "vazquez", "castro", "rey" };

	private static final String[] DEPARTMENTS = { "Biblioteca Municipal", "Cultura", "Turismo", "Deportes",
			"Juventud", "Bomberos", "Fiestas", "Mercado Central", "Archivo Municipal", "Medio Ambiente", "Empleo",
			"Teatro Municipal", "Museo", "Movilidad" };

	private static final String[] BUSINESSES = { "Club Deportivo %s", "%s CF", "UD %s", "Real %s Club de Fútbol",
			"Hotel %s", "Farmacia %s", "Radio %s", "Diario de %s", "%s Noticias", "Visit %s", "Taxi %s",
			"Pizzería %s", "Inmobiliaria %s", "Basket %s", "Gimnasio %s" };

	private static final String[] BUSINESS_HANDLES = { "cd%s", "%scf", "ud%s", "real%s", "hotel%s", "farmacia%s",
			"radio%s", "diario%s", "%snoticias", "visit%s", "taxi%s", "pizzeria%s", "inmo%s", "basket%s", "gym%s" };

	private static final String[] AFFIXES = { "oficial", "official", "info", "prensa", "ayuda", "soporte", "news",
			"es", "ar", "mx" };

	private static final String QWERTY = "qwertyuiop asdfghjkl zxcvbnm";

	private final Random random;

	private final List<Place> places;

	private final List<Made> made = new ArrayList<>();

	private final Map<String, Long> avatarCache = new LinkedHashMap<>();

	/** How each avatar hash was drawn, so that a fake platform can serve the image itself. */
	private final Map<Long, Recipe> recipes = new java.util.HashMap<>();

	private final boolean blueskyAndMastodon;

	LookalikeCorpus(long seed) {
		this(seed, false);
	}

	/**
	 * @param blueskyAndMastodon every institution with exactly one Bluesky and one Mastodon account, the networks
	 * discovery searches, instead of one to three accounts on any network
	 */
	LookalikeCorpus(long seed, boolean blueskyAndMastodon) {
		this.random = new Random(seed);
		this.places = loadPlaces();
		this.blueskyAndMastodon = blueskyAndMastodon;
	}

	/** How an avatar was drawn: the picture's seed, a department's band, and which re-upload of it (0: the original). */
	record Recipe(long seed, @Nullable String band, int variant) {

		byte[] bytes() {
			return avatarBytes(seed, band, variant);
		}

	}

	/** How the avatar with this hash was drawn, or null for a hash the corpus did not draw. */
	@Nullable Recipe recipe(long hash) {
		return this.recipes.get(hash);
	}

	static List<Place> loadPlaces() {
		var places = new ArrayList<Place>();
		try (var in = Objects.requireNonNull(LookalikeCorpus.class.getResourceAsStream("/bench/places.txt"),
				"bench/places.txt"); var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				var parts = line.split(";");
				places.add(new Place(parts[0], parts[1], slug(parts[0])));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return places;
	}

	static String slug(String text) {
		var ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	/** The institutions with their cases, institutions in random order (the caller splits them in halves). */
	List<Entry> generate(int count) {
		var shuffled = new ArrayList<>(this.places);
		Collections.shuffle(shuffled, this.random);
		for (var place : shuffled.subList(0, Math.min(count, shuffled.size()))) {
			this.made.add(institution(place, kindFor(place)));
		}
		var entries = new ArrayList<Entry>();
		for (int i = 0; i < this.made.size(); i++) {
			entries.add(new Entry(this.made.get(i).institution(), cases(this.made.get(i), i)));
		}
		return entries;
	}

	private Kind kindFor(Place place) {
		int roll = this.random.nextInt(10);
		return switch (place.region()) {
			case "gl" -> (roll < 8) ? Kind.CONCELLO : Kind.POLICIA;
			case "ca" -> (roll < 8) ? Kind.AJUNTAMENT : Kind.POLICIA;
			case "latam" -> (roll < 5) ? Kind.MUNICIPALIDAD : (roll < 8) ? Kind.GOBIERNO : Kind.UNIVERSIDAD;
			default -> (roll < 6) ? Kind.AYUNTAMIENTO : (roll < 7) ? Kind.POLICIA : (roll < 9) ? Kind.UNIVERSIDAD
					: Kind.DIPUTACION;
		};
	}

	private Made institution(Place place, Kind kind) {
		var placeSlug = placeSlug(place);
		var pattern = pick(kind.handles);
		var parts = new ArrayList<String>();
		for (var part : pattern.split("\\|")) {
			parts.add(part.equals("%s") ? placeSlug : part);
		}
		var domain = String.format(Locale.ROOT, pick(kind.domains), placeSlug);
		var name = String.format(Locale.ROOT, kind.name, place.name());
		var aliases = kind.aliases.stream().map((alias) -> String.format(Locale.ROOT, alias, place.name())).toList();
		var bio = bio(kind, place, name, domain);
		long avatarSeed = this.random.nextLong();
		var officials = new ArrayList<Identity>();
		var handle = String.join("", parts);
		var platforms = new ArrayList<>(List.of(Platform.MASTODON, Platform.BLUESKY, Platform.X, Platform.INSTAGRAM,
				Platform.TELEGRAM));
		Collections.shuffle(platforms, this.random);
		int accounts = 1 + this.random.nextInt(3);
		if (this.blueskyAndMastodon) {
			platforms = new ArrayList<>(List.of(Platform.BLUESKY, Platform.MASTODON));
			accounts = 2;
		}
		for (var platform : platforms.subList(0, accounts)) {
			var own = (this.random.nextInt(5) == 0) ? handle.replace(placeSlug, place.slug()) : handle;
			var display = switch (this.random.nextInt(10)) {
				case 0, 1, 2 -> aliases.get(this.random.nextInt(aliases.size()));
				case 3 -> name + " 🏛️";
				default -> name;
			};
			var officialHandle = switch (platform) {
				case MASTODON -> own + "@" + mastodonServer(place, domain);
				case BLUESKY -> (this.random.nextInt(5) < 2) ? domain : own + ".bsky.social";
				default -> own;
			};
			officials.add(new Identity(platform, officialHandle, display, bio, List.of(new Link("https://" + domain + "/",
					platform == Platform.MASTODON)), avatar(avatarSeed, null, 0), NOW.minus(Duration.ofDays(
							400 + this.random.nextInt(4000))), (long) (500 + this.random.nextInt(200_000))));
		}
		var institution = new Institution(name, aliases, List.of(domain), officials);
		return new Made(institution, kind, place, placeSlug, List.copyOf(parts), domain, bio, avatarSeed);
	}

	private String placeSlug(Place place) {
		var words = slug(place.name().replace("-", " ").replace("'", " ")).isEmpty() ? List.<String>of()
				: List.of(Normalizer.normalize(place.name(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
					.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
		if (words.size() > 2 && this.random.nextBoolean()) {
			// "Alcalá de Henares" as alcalahenares: connectors dropped, as many institutions do.
			return String.join("", words.stream().filter((w) -> !List.of("de", "del", "la", "las", "los", "el", "i",
					"d", "a", "o").contains(w)).toList());
		}
		return place.slug();
	}

	private String mastodonServer(Place place, String domain) {
		return switch (this.random.nextInt(5)) {
			case 0 -> "social." + domain;
			case 1 -> "mastodon.social";
			case 2 -> switch (place.region()) {
				case "gl" -> "mastodon.gal";
				case "ca" -> "mastodont.cat";
				case "eu" -> "mastodon.eus";
				default -> "masto.es";
			};
			case 3 -> "mas.to";
			default -> "masto.es";
		};
	}

	private String bio(Kind kind, Place place, String name, String domain) {
		var templates = switch (kind) {
			case UNIVERSIDAD -> List.of("Cuenta oficial de la %1$s. Docencia, investigación y vida universitaria en %2$s.",
					"Perfil oficial de la %1$s. Noticias, becas, matrícula y agenda del campus. %3$s");
			case POLICIA -> List.of("Cuenta oficial de la %1$s. En caso de emergencia llama al 112 o al 092.",
					"%1$s. Seguridad ciudadana, tráfico y avisos en %2$s. Emergencias: 112.");
			default -> switch (place.region()) {
				case "gl" -> List.of("Conta oficial do %1$s. Información municipal e servizos para a veciñanza de %2$s.",
						"Perfil oficial do %1$s. Novas, axenda e avisos. %3$s");
				case "ca" -> List.of("Compte oficial de l'%1$s. Informació municipal, serveis i agenda de %2$s.",
						"Perfil oficial de l'%1$s. Notícies i avisos per a la ciutadania. %3$s");
				case "latam" -> List.of("Cuenta oficial de la %1$s. Trabajamos por los vecinos de %2$s.",
						"Perfil oficial de la %1$s. Trámites, obras y servicios para %2$s. %3$s");
				default -> List.of("Cuenta oficial del %1$s. Información municipal, servicios y atención ciudadana. %3$s",
						"Perfil oficial del %1$s. Noticias, agenda y avisos de %2$s.",
						"Bienvenidos al perfil del %1$s. Actualidad de %2$s: cultura, deportes, movilidad y servicios.");
			};
		};
		var extras = List.of("", " Atención ciudadana: 010.", " Horario de atención de 9 a 14 h.",
				" Síguenos también en nuestras otras redes.", " #" + place.slug(), " Sede electrónica en " + domain + ".");
		return String.format(Locale.ROOT, pick(templates), name, place.name(), domain) + pick(extras);
	}

	// Cases

	private List<Case> cases(Made inst, int index) {
		var cases = new ArrayList<Case>();
		for (var family : FAMILIES) {
			var candidate = positive(inst, family);
			if (candidate != null) {
				cases.add(new Case(candidate, true, family));
			}
		}
		for (var other : similarTowns(inst)) {
			cases.add(new Case(similarTown(inst, other), false, "similar-town"));
		}
		for (int i = 0; i < 3; i++) {
			cases.add(new Case(department(inst), false, "department"));
		}
		for (int i = 0; i < 3; i++) {
			cases.add(new Case(business(inst), false, "club-business"));
		}
		for (int i = 0; i < 2; i++) {
			cases.add(new Case(parody(inst), false, "parody-fan"));
		}
		for (int i = 0; i < 40; i++) {
			var other = this.made.get(this.random.nextInt(this.made.size()));
			if (other != inst) {
				var official = other.institution().officialAccounts();
				cases.add(new Case(official.get(this.random.nextInt(official.size())), false, "other-institution"));
			}
		}
		for (int i = 0; i < 10; i++) {
			cases.add(new Case(person(inst), false, "person"));
		}
		for (int i = 0; i < 2; i++) {
			cases.add(new Case(townNamesake(inst), false, "town-namesake"));
		}
		return cases;
	}

	private @Nullable Identity positive(Made inst, String family) {
		var officials = new ArrayList<>(inst.institution().officialAccounts());
		Collections.shuffle(officials, this.random);
		for (var official : officials) {
			var candidate = positive(inst, official, family);
			if (candidate != null) {
				return candidate;
			}
		}
		return null;
	}

	private @Nullable Identity positive(Made inst, Identity official, String family) {
		var platform = official.platform();
		var name = localName(official);
		String handle;
		String server = server(official);
		boolean displayFamily = family.startsWith("display-") || family.equals("bio-copied")
				|| family.equals("avatar-copied");
		if (displayFamily) {
			handle = (this.random.nextBoolean()) ? looseHandle(inst) : permute(inst, name, pick(FAMILIES.subList(5, 13)));
		}
		else if (family.equals("other-server")) {
			if (platform != Platform.MASTODON) {
				return null;
			}
			handle = name;
			var current = server;
			server = pick(List.of("mastodon.social", "mastodon.online", "mstdn.social", "masto.es", "mas.to").stream()
				.filter((other) -> !other.equals(current)).toList());
		}
		else {
			handle = permute(inst, name, family);
		}
		if (handle == null || (handle.equals(name) && !family.equals("other-server"))) {
			return null;
		}
		var display = displayFamily ? displayVariant(inst, official, family) : ordinaryDisplay(inst, official);
		if (display == null) {
			return null;
		}
		String bio;
		if (family.equals("bio-copied") || this.random.nextInt(100) < 35) {
			bio = editBio(Objects.requireNonNull(official.bio()));
		}
		else {
			bio = pick(List.of("", "Información y novedades de " + inst.place().name() + ".",
					"Avisos, sorteos y ayudas para los vecinos de " + inst.place().name() + ". Escríbenos por DM.",
					"Toda la actualidad de " + inst.place().name() + " al minuto."));
		}
		Long avatar;
		if (family.equals("avatar-copied") || this.random.nextBoolean()) {
			avatar = avatar(inst.avatarSeed(), null, 1 + this.random.nextInt(1000));
		}
		else {
			avatar = (this.random.nextInt(4) == 0) ? null : avatar(this.random.nextLong(), null, 0);
		}
		var links = (this.random.nextInt(4) == 0) ? List.of(new Link("https://" + inst.domain() + "/tramites", false))
				: List.<Link>of();
		var created = NOW.minus(Duration.ofDays((this.random.nextInt(100) < 65) ? 1 + this.random.nextInt(80)
				: 100 + this.random.nextInt(2000)));
		return new Identity(platform, handle(platform, handle, server), display, bio, links, avatar, created,
				(long) this.random.nextInt(800));
	}

	private String ordinaryDisplay(Made inst, Identity official) {
		return switch (this.random.nextInt(20)) {
			case 0, 1, 2, 3, 4, 5, 6, 7, 8 -> Objects.requireNonNull(official.displayName());
			case 9, 10, 11 -> inst.institution().name();
			case 12, 13 -> inst.institution().name() + " Oficial";
			case 14 -> Objects.requireNonNull(inst.institution().aliases().get(0)) + " ✔";
			default -> String.format(Locale.ROOT, pick(List.of("%s Informa", "Info %s", "%s al día", "Atención %s")),
					inst.place().name());
		};
	}

	private @Nullable String displayVariant(Made inst, Identity official, String family) {
		var base = this.random.nextBoolean() ? inst.institution().name() : Objects.requireNonNull(official.displayName());
		return switch (family) {
			case "display-cyrillic" -> swapLetters(base, "aeopcxyi", "аеорсхуі");
			case "display-greek" -> swapLetters(base, "oAEHIKMNOPTXYZ", "οΑΕΗΙΚΜΝΟΡΤΧΥΖ");
			case "display-invisible" -> {
				var invisible = pick(List.of("\u200B", "\u200C", "\u2060", "\u00AD", "\uFEFF", "\u200E"));
				int at = 1 + this.random.nextInt(Math.max(1, base.length() - 1));
				yield base.substring(0, at) + invisible + base.substring(at);
			}
			case "display-abbreviation" -> {
				var name = inst.institution().name();
				var abbreviated = name.replace("Ayuntamiento", "Ayto.").replace("Gobierno", "Gob.")
					.replace("Municipalidad", "Mun.").replace("Universidad", "Univ.").replace("Diputación", "Dip.");
				yield abbreviated.equals(name) ? null : abbreviated;
			}
			case "display-oficial" -> pick(List.of("%s Oficial", "%s (Oficial)", "%s - Cuenta Oficial",
					"Official %s", "%s OFICIAL")).formatted(base);
			case "display-checkmark" -> base + pick(List.of(" ✔", " ✓", " ☑️", " ✅", "✔️", " 🔵✔"));
			case "display-worn" -> worn(base);
			default -> ordinaryDisplay(inst, official);
		};
	}

	/** An official name worn inside a longer one: a flag, a word that says nothing, an emoji row, markup. */
	private String worn(String name) {
		return switch (this.random.nextInt(6)) {
			case 0 -> pick(List.of("🇪🇸 %s", "%s 🇪🇸", "🇦🇷 %s 🇦🇷", "🏛️ %s", "%s 🏛️🇪🇸")).formatted(name);
			case 1 -> pick(List.of("Información %s", "Info · %s", "%s | Información", "%s - Noticias",
					"Atención ciudadana %s", "%s Informa")).formatted(name);
			case 2 -> pick(List.of("📢📢📢 %s", "%s ⭐⭐⭐⭐⭐", "✅✅ %s ✅✅", "%s 🔴🟡🔴", "➡️➡️ %s")).formatted(name);
			case 3 -> pick(List.of("<b>%s</b>", "%s <span class=\"verified\">✔</span>", "[b]%s[/b]", "%s :verified:",
					"&lt;%s&gt;", "<a href=\"#\">%s</a>")).formatted(name);
			case 4 -> pick(List.of("%s 2026", "%s (010)", "%s · 24h")).formatted(name);
			default -> pick(List.of("🇪🇸 Información | %s", "📢 %s · Noticias 📢", "<b>Info</b> %s ✅")).formatted(name);
		};
	}

	private @Nullable String swapLetters(String text, String from, String to) {
		var chars = text.toCharArray();
		var positions = new ArrayList<Integer>();
		for (int i = 0; i < chars.length; i++) {
			if (from.indexOf(chars[i]) >= 0) {
				positions.add(i);
			}
		}
		if (positions.isEmpty()) {
			return null;
		}
		Collections.shuffle(positions, this.random);
		for (var i : positions.subList(0, Math.min(positions.size(), 1 + this.random.nextInt(2)))) {
			chars[i] = to.charAt(from.indexOf(chars[i]));
		}
		return new String(chars);
	}

	private String editBio(String bio) {
		return switch (this.random.nextInt(4)) {
			case 0 -> bio;
			case 1 -> bio + " ¡Síguenos!";
			case 2 -> bio.replace("oficial", "").replace("  ", " ");
			default -> bio.replaceFirst("\\.", ". Escríbenos por mensaje privado.");
		};
	}

	/** A handle an impersonator picks when the official one and its look-alikes feel too risky. */
	private String looseHandle(Made inst) {
		var place = inst.place().slug();
		return String.format(Locale.ROOT, pick(List.of("%s_ciudad", "%s_hoy", "%s_informa", "vecinos_%s",
				"%s%d", "%s_al_dia", "info_%s")), place, 2000 + this.random.nextInt(30));
	}

	/** Applies a handle permutation family to an official name; null when the family does not apply to it. */
	private @Nullable String permute(Made inst, String name, String family) {
		var chars = name;
		int n = chars.length();
		if (n < 3) {
			return null;
		}
		return switch (family) {
			case "homoglyph-0/o" -> replaceOne(chars, "o", "0");
			case "homoglyph-1/l/i" -> this.random.nextBoolean()
					? or(replaceOne(chars, "l", pick(List.of("1", "i", "I"))), replaceOne(chars, "i", pick(List.of("1", "l"))))
					: or(replaceOne(chars, "i", pick(List.of("1", "l"))), replaceOne(chars, "l", pick(List.of("1", "i"))));
			case "homoglyph-rn/m" -> replaceOne(chars, "m", "rn");
			case "homoglyph-vv/w" -> replaceOne(chars, "w", "vv");
			case "homoglyph-cl/d" -> replaceOne(chars, "d", "cl");
			case "omission" -> {
				int at = 1 + this.random.nextInt(n - 1);
				yield chars.substring(0, at) + chars.substring(at + 1);
			}
			case "repetition" -> {
				int at = this.random.nextInt(n);
				yield chars.substring(0, at + 1) + chars.charAt(at) + chars.substring(at + 1);
			}
			case "transposition" -> {
				for (int tries = 0; tries < 10; tries++) {
					int at = this.random.nextInt(n - 1);
					if (chars.charAt(at) != chars.charAt(at + 1)) {
						yield chars.substring(0, at) + chars.charAt(at + 1) + chars.charAt(at) + chars.substring(at + 2);
					}
				}
				yield null;
			}
			case "neighbour-insertion", "neighbour-replacement" -> {
				for (int tries = 0; tries < 10; tries++) {
					int at = this.random.nextInt(n);
					var neighbour = neighbour(chars.charAt(at));
					if (neighbour != 0) {
						yield family.equals("neighbour-insertion")
								? chars.substring(0, at + 1) + neighbour + chars.substring(at + 1)
								: chars.substring(0, at) + neighbour + chars.substring(at + 1);
					}
				}
				yield null;
			}
			case "vowel-swap" -> {
				for (int tries = 0; tries < 10; tries++) {
					int at = this.random.nextInt(n);
					if ("aeiou".indexOf(chars.charAt(at)) >= 0) {
						var vowel = "aeiou".replace(String.valueOf(chars.charAt(at)), "").charAt(this.random.nextInt(4));
						yield chars.substring(0, at) + vowel + chars.substring(at + 1);
					}
				}
				yield null;
			}
			case "separator" -> {
				var separator = pick(List.of("_", ".", "-"));
				if (inst.handleParts().size() > 1 && name.equals(String.join("", inst.handleParts()))) {
					yield String.join(separator, inst.handleParts());
				}
				yield name.contains("_") ? name.replace("_", "") : name.substring(0, n / 2) + separator + name.substring(n / 2);
			}
			case "affix" -> {
				var affix = pick(List.of(AFFIXES));
				var separator = pick(List.of("", "_", "_", "."));
				yield (this.random.nextInt(4) == 0) ? affix + separator + name : name + separator + affix;
			}
			default -> null;
		};
	}

	private @Nullable String replaceOne(String text, String from, String to) {
		var positions = new ArrayList<Integer>();
		for (int at = text.indexOf(from); at >= 0; at = text.indexOf(from, at + 1)) {
			positions.add(at);
		}
		if (positions.isEmpty()) {
			return null;
		}
		int at = positions.get(this.random.nextInt(positions.size()));
		return text.substring(0, at) + to + text.substring(at + from.length());
	}

	private static @Nullable String or(@Nullable String first, @Nullable String second) {
		return (first != null) ? first : second;
	}

	private char neighbour(char c) {
		int at = QWERTY.indexOf(c);
		if (at < 0) {
			return 0;
		}
		var candidates = new StringBuilder();
		for (int offset : new int[] { -1, 1 }) {
			int i = at + offset;
			if (i >= 0 && i < QWERTY.length() && QWERTY.charAt(i) != ' ') {
				candidates.append(QWERTY.charAt(i));
			}
		}
		return candidates.isEmpty() ? 0 : candidates.charAt(this.random.nextInt(candidates.length()));
	}

	// Negatives

	private List<Place> similarTowns(Made inst) {
		var own = inst.place();
		var similar = new ArrayList<Place>();
		var firstWord = own.name().split("[ -]")[0].toLowerCase(Locale.ROOT);
		for (var place : this.places) {
			if (place == own) {
				continue;
			}
			var otherFirst = place.name().split("[ -]")[0].toLowerCase(Locale.ROOT);
			int distance = LevenshteinDistance.getDefaultInstance().apply(own.slug(), place.slug());
			boolean prefix = own.slug().length() >= 4 && place.slug().length() >= 4
					&& own.slug().substring(0, 4).equals(place.slug().substring(0, 4));
			if ((firstWord.length() > 3 && firstWord.equals(otherFirst)) || distance <= 3 || prefix) {
				similar.add(place);
			}
		}
		Collections.shuffle(similar, this.random);
		return similar.subList(0, Math.min(4, similar.size()));
	}

	private Identity similarTown(Made inst, Place other) {
		var slug = other.slug();
		var handle = new StringBuilder();
		for (var part : inst.handleParts()) {
			handle.append(part.equals(inst.placeSlug()) ? slug : part);
		}
		var name = String.format(Locale.ROOT, inst.kind().name, other.name());
		var domain = String.format(Locale.ROOT, pick(inst.kind().domains), slug);
		var official = pick(inst.institution().officialAccounts());
		var display = this.random.nextInt(4) == 0
				? String.format(Locale.ROOT, pick(inst.kind().aliases), other.name()) : name;
		return new Identity(official.platform(), handle(official.platform(), handle.toString(), server(official)),
				display, bio(inst.kind(), other, name, domain), List.of(new Link("https://" + domain + "/", false)),
				avatar(this.random.nextLong(), null, 0), NOW.minus(Duration.ofDays(300 + this.random.nextInt(3000))),
				(long) this.random.nextInt(50_000));
	}

	private Identity department(Made inst) {
		var department = pick(List.of(DEPARTMENTS));
		var place = inst.place();
		var deptSlug = slug(department.split(" ")[0]);
		var official = pick(inst.institution().officialAccounts());
		var handle = switch (this.random.nextInt(4)) {
			case 0 -> deptSlug + place.slug();
			case 1 -> place.slug() + deptSlug;
			case 2 -> deptSlug + "_" + place.slug();
			default -> localName(official) + "_" + deptSlug;
		};
		var display = switch (this.random.nextInt(3)) {
			case 0 -> department + " de " + place.name();
			case 1 -> department + " " + place.name();
			default -> department + " - " + inst.institution().aliases().get(0);
		};
		var bio = "Cuenta oficial de " + department + " del " + inst.institution().name() + ". Programación, avisos e "
				+ "información para los vecinos de " + place.name() + ".";
		// Half the departments show the institution's own shield with a band of their own.
		var avatar = this.random.nextBoolean() ? avatar(inst.avatarSeed(), department, 0) : avatar(this.random.nextLong(), null, 0);
		return new Identity(official.platform(), handle(official.platform(), handle, server(official)), display, bio,
				List.of(new Link("https://" + inst.domain() + "/" + deptSlug, false)), avatar,
				NOW.minus(Duration.ofDays(30 + this.random.nextInt(3000))), (long) this.random.nextInt(20_000));
	}

	private Identity business(Made inst) {
		int which = this.random.nextInt(BUSINESSES.length);
		var place = inst.place();
		var official = pick(inst.institution().officialAccounts());
		var handle = String.format(Locale.ROOT, BUSINESS_HANDLES[which], place.slug());
		if (this.random.nextInt(3) == 0) {
			handle = handle.replace(place.slug(), place.slug() + "_").replace("__", "_");
			handle = handle.endsWith("_") ? handle.substring(0, handle.length() - 1) : handle;
		}
		var display = String.format(Locale.ROOT, BUSINESSES[which], place.name());
		var bio = pick(List.of("Fundado en 19" + (10 + this.random.nextInt(89)) + ". Toda la actualidad del club.",
				"Tu negocio de confianza en " + place.name() + ". Pide cita o escríbenos.",
				"Noticias de " + place.name() + " y su comarca, cada día.", "Reservas y ofertas en " + place.name() + "."));
		return new Identity(official.platform(), handle(official.platform(), handle, server(official)), display, bio,
				List.of(new Link("https://" + handle.replace("_", "") + ".com/", false)), avatar(this.random.nextLong(), null, 0),
				NOW.minus(Duration.ofDays(60 + this.random.nextInt(4000))), (long) this.random.nextInt(100_000));
	}

	private Identity parody(Made inst) {
		var official = pick(inst.institution().officialAccounts());
		var name = localName(official);
		var place = inst.place();
		var handle = switch (this.random.nextInt(4)) {
			case 0 -> name + "_parodia";
			case 1 -> "fans" + place.slug();
			case 2 -> Objects.requireNonNullElse(permute(inst, name, pick(FAMILIES.subList(0, 12))), name + "2");
			default -> "no" + name;
		};
		var display = switch (this.random.nextInt(4)) {
			case 0 -> inst.institution().name() + " (parodia)";
			case 1 -> "Fans de " + place.name();
			case 2 -> inst.institution().name() + " (no oficial)";
			default -> inst.institution().name();
		};
		var bio = pick(List.of("Cuenta parodia. No somos el " + inst.institution().name() + ".",
				"Cuenta de fans de " + place.name() + ", no afiliada al " + inst.institution().name() + ".",
				"Parody account. Not affiliated with " + inst.institution().name() + ".",
				"Cuenta NO oficial. Humor sobre la vida en " + place.name() + "."));
		var avatar = this.random.nextBoolean() ? avatar(inst.avatarSeed(), null, 1 + this.random.nextInt(1000))
				: avatar(this.random.nextLong(), null, 0);
		return new Identity(official.platform(), handle(official.platform(), handle, server(official)), display, bio,
				List.of(), avatar, NOW.minus(Duration.ofDays(1 + this.random.nextInt(1500))),
				(long) this.random.nextInt(5000));
	}

	/**
	 * A namesake that merely shares the town's name, decorated as impersonators decorate theirs: "Hotel Riofrío",
	 * "C.D. Riofrío ⚽", "🇪🇸 Radio Riofrío", some of them young accounts.
	 */
	private Identity townNamesake(Made inst) {
		var place = inst.place();
		var official = pick(inst.institution().officialAccounts());
		int which = this.random.nextInt(8);
		var display = List.of("Hotel %s", "C.D. %s", "%s C.F.", "Radio %s", "Fiestas de %s", "Peña %s", "Visit %s",
				"Mercado de %s").get(which).formatted(place.name());
		display = switch (this.random.nextInt(4)) {
			case 0 -> "🇪🇸 " + display;
			case 1 -> display + " ⭐⭐⭐";
			case 2 -> "<b>" + display + "</b>";
			default -> display;
		};
		var handle = List.of("hotel%s", "cd%s", "%scf", "radio%s", "fiestas%s", "pena%s", "visit%s", "mercado%s")
			.get(which).formatted(place.slug());
		var bio = pick(List.of("Reservas y ofertas en " + place.name() + ".", "Toda la actualidad del club de "
				+ place.name() + ".", "Lo mejor de " + place.name() + ", cada día.", "Programación y fiestas de "
						+ place.name() + "."));
		var created = NOW.minus(Duration.ofDays((this.random.nextInt(3) == 0) ? 1 + this.random.nextInt(80)
				: 100 + this.random.nextInt(3000)));
		return new Identity(official.platform(), handle(official.platform(), handle, server(official)), display, bio,
				List.of(new Link("https://" + handle + ".com/", false)), avatar(this.random.nextLong(), null, 0), created,
				(long) this.random.nextInt(20_000));
	}

	private Identity person(Made inst) {
		var first = FIRST[this.random.nextInt(FIRST.length)];
		var last = LAST[this.random.nextInt(LAST.length)];
		var official = pick(inst.institution().officialAccounts());
		var handle = first + (this.random.nextBoolean() ? "_" : "") + last + (this.random.nextBoolean() ? ""
				: String.valueOf(this.random.nextInt(100)));
		var display = Character.toUpperCase(first.charAt(0)) + first.substring(1) + " "
				+ Character.toUpperCase(last.charAt(0)) + last.substring(1);
		var bio = pick(List.of("Vecina de " + inst.place().name() + ". Opiniones personales.", "Periodista. "
				+ inst.place().name() + " y alrededores.", "", "Me gusta el fútbol y la montaña."));
		return new Identity(official.platform(), handle(official.platform(), handle, server(official)), display, bio,
				List.of(), avatar(this.random.nextLong(), null, 0),
				NOW.minus(Duration.ofDays(1 + this.random.nextInt(4000))), (long) this.random.nextInt(3000));
	}

	// Handles

	private static String localName(Identity identity) {
		var handle = identity.handle();
		return switch (identity.platform()) {
			case MASTODON -> handle.substring(0, handle.indexOf('@'));
			case BLUESKY -> handle.endsWith(".bsky.social") ? handle.substring(0, handle.length() - 12)
					: handle.substring(0, handle.indexOf('.')).replace("-", "");
			default -> handle;
		};
	}

	private static String server(Identity identity) {
		var handle = identity.handle();
		return switch (identity.platform()) {
			case MASTODON -> handle.substring(handle.indexOf('@') + 1);
			case BLUESKY -> "bsky.social";
			default -> "";
		};
	}

	private static String handle(Platform platform, String name, String server) {
		return switch (platform) {
			case MASTODON -> name + "@" + server;
			case BLUESKY -> name.replace("_", "-") + ".bsky.social";
			default -> name;
		};
	}

	// Avatars

	/**
	 * The dHash of an institution's avatar drawn from its seed: the original when {@code variant} is 0, otherwise a
	 * copy re-encoded, resized and possibly cropped as re-uploads do; with a band of text for a department.
	 */
	private long avatar(long seed, @Nullable String band, int variant) {
		var key = seed + "/" + band + "/" + variant;
		var cached = this.avatarCache.get(key);
		if (cached != null) {
			return cached;
		}
		long hash = Objects.requireNonNull(AvatarHash.dHash(avatarBytes(seed, band, variant)),
				"hash of a generated avatar");
		this.avatarCache.put(key, hash);
		this.recipes.putIfAbsent(hash, new Recipe(seed, band, variant));
		return hash;
	}

	/** The encoded image of an avatar: the same bytes every time for the same recipe. */
	static byte[] avatarBytes(long seed, @Nullable String band, int variant) {
		var image = draw(seed, band);
		if (variant == 0) {
			return png(image);
		}
		var copy = new Random(seed ^ (variant * 0x9E3779B97F4A7C15L));
		int crop = copy.nextInt(4) == 0 ? 0 : copy.nextInt((int) (image.getWidth() * 0.07) + 1);
		int side = List.of(48, 96, 128, 200, 256, 400).get(copy.nextInt(6));
		var cropped = image.getSubimage(crop, crop, image.getWidth() - 2 * crop, image.getHeight() - 2 * crop);
		var resized = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
		var g = resized.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.drawImage(cropped, 0, 0, side, side, null);
		g.dispose();
		return copy.nextInt(3) == 0 ? png(resized) : jpeg(resized, 0.5f + copy.nextFloat() * 0.45f);
	}

	static BufferedImage draw(long seed, @Nullable String band) {
		var r = new Random(seed);
		int size = 256;
		var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		var background = new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
		var second = new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256));
		g.setPaint(new GradientPaint(0, 0, background, r.nextInt(size), size, second));
		g.fillRect(0, 0, size, size);
		for (int i = 0; i < 3; i++) {
			g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
			int x = r.nextInt(size / 2);
			int y = r.nextInt(size / 2);
			int w = 40 + r.nextInt(size / 2);
			int h = 40 + r.nextInt(size / 2);
			switch (r.nextInt(3)) {
				case 0 -> g.fillOval(x, y, w, h);
				case 1 -> g.fillRect(x, y, w, h);
				default -> g.fillPolygon(new Polygon(new int[] { x, x + w, x + w, x + w / 2, x },
						new int[] { y, y, y + h * 2 / 3, y + h, y + h * 2 / 3 }, 5));
			}
		}
		g.setColor(r.nextBoolean() ? Color.WHITE : Color.BLACK);
		g.setStroke(new BasicStroke(4));
		g.drawOval(20, 20, size - 40, size - 40);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 70 + r.nextInt(40)));
		g.drawString(String.valueOf((char) ('A' + r.nextInt(26))) + (char) ('A' + r.nextInt(26)), 50 + r.nextInt(40),
				150 + r.nextInt(40));
		if (band != null) {
			g.setColor(new Color(band.hashCode() | 0xFF000000, true));
			g.fillRect(0, size * 3 / 4, size, size / 4);
			g.setColor(Color.WHITE);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 28));
			g.drawString(band, 10, size - 20);
		}
		g.dispose();
		return image;
	}

	static byte[] png(BufferedImage image) {
		try {
			var out = new ByteArrayOutputStream();
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] jpeg(BufferedImage image, float quality) {
		try {
			var out = new ByteArrayOutputStream();
			var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
			var param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			try (var stream = ImageIO.createImageOutputStream(out)) {
				writer.setOutput(stream);
				writer.write(null, new IIOImage(image, null, null), param);
			}
			writer.dispose();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private <T> T pick(List<T> list) {
		return list.get(this.random.nextInt(list.size()));
	}

}
