package org.vigia;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The guide is split over many pages that link to each other's sections; a section renamed or a page moved must not
 * leave a reader at a dead link.
 */
class DocumentationLinksTests {

	/**
	 * Pages other branches are writing at the same time; a link to one of them is checked once the page exists, so
	 * the entry can go once they are merged.
	 */
	private static final Set<String> WRITTEN_ELSEWHERE = Set.of("docs/architecture.md");

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

	private final Map<Path, Set<String>> anchors = new HashMap<>();

	@Test
	void everyRelativeLinkInTheGuideNamesAFileThatExistsAndASectionItHas() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Path page : pages()) {
			for (String target : links(page)) {
				if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
					continue;
				}
				int hash = target.indexOf('#');
				String file = hash < 0 ? target : target.substring(0, hash);
				Path linked = file.isEmpty() ? page : page.resolveSibling(file).normalize();
				if (!Files.exists(linked)) {
					if (!WRITTEN_ELSEWHERE.contains(linked.toString().replace('\\', '/'))) {
						broken.add(page + ": " + target + " (no such file)");
					}
					continue;
				}
				if (hash >= 0 && !anchorsOf(linked).contains(target.substring(hash + 1))) {
					broken.add(page + ": " + target + " (no such section in " + linked + ")");
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void githubStyleAnchorsDropPunctuationAndKeepAccentedLetters() {
		assertThat(anchor("A full poll: `bench/poll.sh`")).isEqualTo("a-full-poll-benchpollsh");
		assertThat(anchor("Users, passwords and logins")).isEqualTo("users-passwords-and-logins");
		assertThat(anchor("Qué hace Vigía")).isEqualTo("qué-hace-vigía");
	}

	private static List<Path> pages() throws IOException {
		var pages = new ArrayList<Path>();
		pages.add(Path.of("README.md"));
		pages.add(Path.of("bench", "README.md"));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

	private static List<String> links(Path page) throws IOException {
		var links = new ArrayList<String>();
		boolean fence = false;
		for (String line : Files.readAllLines(page)) {
			if (line.startsWith("```")) {
				fence = !fence;
				continue;
			}
			if (fence) {
				continue;
			}
			var matcher = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
			while (matcher.find()) {
				links.add(matcher.group(1));
			}
		}
		return links;
	}

	private Set<String> anchorsOf(Path page) {
		return anchors.computeIfAbsent(page, path -> {
			try {
				var found = new LinkedHashSet<String>();
				var seen = new HashMap<String, Integer>();
				boolean fence = false;
				for (String line : Files.readAllLines(path)) {
					if (line.startsWith("```")) {
						fence = !fence;
					}
					else if (!fence && line.startsWith("#")) {
						String slug = anchor(line.replaceFirst("^#+\\s*", ""));
						int times = seen.merge(slug, 1, Integer::sum);
						found.add(times == 1 ? slug : slug + "-" + (times - 1));
					}
				}
				return found;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/** GitHub's rule: lower case, punctuation dropped (letters, digits, spaces, hyphens and underscores kept). */
	private static String anchor(String heading) {
		return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

}
