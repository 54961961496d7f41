package org.vigia.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.vigia.ApiCalls.awaitFinished;
import static org.vigia.ApiCalls.editor;
import static org.vigia.ApiCalls.viewer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.jayway.jsonpath.JsonPath;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.discovery.scoring.Scorer;
import org.vigia.discovery.scoring.ScoringWeights;
import org.vigia.platform.Platform;

/**
 * The whole look-alike pipeline over the corpus, as a user drives it through the REST API: organizations and a
 * registry import, a poll run, one discovery run against {@link LookalikeUniverse}, and the findings read back; then
 * first-run recall per impersonation family and the false positive rate per namesake family, next to what the scorer
 * alone says of the same accounts.
 */
final class LookalikePipeline {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MockMvc mvc;

	private final JdbcClient jdbc;

	private final LookalikeUniverse universe;

	LookalikePipeline(MockMvc mvc, JdbcClient jdbc, LookalikeUniverse universe) {
		this.mvc = mvc;
		this.jdbc = jdbc;
		this.universe = universe;
	}

	/** Per family: how many accounts, and how many of them the scorer and the pipeline flag. */
	static final class Tally {

		int accounts;

		int hidden;

		int scorer;

		int pipeline;

		double scorerRate() {
			return (accounts == 0) ? Double.NaN : (double) scorer / accounts;
		}

		double pipelineRate() {
			return (accounts == 0) ? Double.NaN : (double) pipeline / accounts;
		}

	}

	/** What one run through the pipeline measured. */
	record Figures(Map<String, Object> run, Duration registration, Duration poll, Duration discovery,
			Map<String, Tally> positives, Map<String, Tally> negatives, Tally recall, Tally namesakes,
			List<LookalikeUniverse.Account> missed, List<LookalikeUniverse.Account> falsePositives) {
	}

	Figures run() throws Exception {
		jdbc.sql("""
				truncate account, unit, organization, poll_run, discovery_run, discovery_probe, discovery_avatar,
				         released_handle, lookalike_allowlist restart identity cascade
				""").update();
		var started = Instant.now();
		register();
		var polled = Instant.now();
		awaitFinished(mvc, "/api/poll-runs/" + JsonPath.read(editor(mvc, post("/api/poll-runs")), "$.id"), Duration.ofMinutes(30));
		var discovering = Instant.now();
		var run = awaitFinished(mvc, "/api/discovery-runs/" + JsonPath.read(editor(mvc, post("/api/discovery-runs")), "$.id"),
				Duration.ofHours(3));
		var finished = Instant.now();
		var flagged = flagged();
		return figures(run, Duration.between(started, polled), Duration.between(polled, discovering),
				Duration.between(discovering, finished), flagged);
	}

	/** The organizations with their names, aliases and domains, then their official accounts in one CSV import. */
	private void register() throws Exception {
		var csv = new StringBuilder("organization,platform,handle,url\n");
		var names = new HashSet<String>();
		for (var registered : universe.registered()) {
			var institution = registered.institution();
			if (!names.add(institution.name())) {
				continue;
			}
			var body = new LinkedHashMap<String, Object>();
			body.put("name", institution.name());
			body.put("aliases", institution.aliases());
			body.put("officialDomains", institution.officialDomains());
			editor(mvc, post("/api/organizations").contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
			for (var official : registered.officials()) {
				csv.append(quote(institution.name())).append(',').append(official.platform().id()).append(',');
				if (official.platform() == Platform.MASTODON) {
					csv.append(",http://").append(universe.authority(official.server())).append("/@")
						.append(official.name());
				}
				else {
					csv.append(official.handle()).append(',');
				}
				csv.append('\n');
			}
		}
		editor(mvc, post("/api/registry/import").contentType("text/csv").content(csv.toString().getBytes(StandardCharsets.UTF_8)));
	}

	/** The handles of every look-alike finding, by platform: what the pipeline reported. */
	private Set<String> flagged() throws Exception {
		var flagged = new HashSet<String>();
		for (int page = 0;; page++) {
			var body = viewer(mvc, get("/api/findings?type=IMPERSONATION,UNREGISTERED&size=500&page=" + page));
			List<Map<String, Object>> findings = JsonPath.read(body, "$.content");
			for (var finding : findings) {
				String handle = JsonPath.read(finding, "$.evidence.candidate.handle");
				flagged.add(finding.get("platform") + ":" + handle);
			}
			int pages = JsonPath.read(body, "$.page.totalPages");
			if (page + 1 >= pages) {
				return flagged;
			}
		}
	}

	private Figures figures(Map<String, Object> run, Duration registration, Duration poll, Duration discovery,
			Set<String> flagged) {
		var scorer = new Scorer(ScoringWeights.defaults());
		var prepared = universe.registered().stream().map(registered -> scorer.prepare(registered.institution())).toList();
		Map<String, Tally> positives = new LinkedHashMap<>();
		LookalikeCorpus.FAMILIES.forEach(family -> positives.put(family, new Tally()));
		Map<String, Tally> negatives = new TreeMap<>();
		var recall = new Tally();
		var namesakes = new Tally();
		var missed = new ArrayList<LookalikeUniverse.Account>();
		var falsePositives = new ArrayList<LookalikeUniverse.Account>();
		for (var account : universe.candidates()) {
			var item = account.item();
			var tally = item.positive() ? positives.get(item.family())
					: negatives.computeIfAbsent(item.family(), family -> new Tally());
			boolean byScorer = scorer.score(account.identity(), prepared.get(account.institution()), LookalikeCorpus.NOW)
				.points() >= scorer.weights().impersonationThreshold();
			boolean byPipeline = flagged.contains(account.platform().id() + ":" + account.handle());
			if (item.positive() && !byPipeline) {
				missed.add(account);
			}
			else if (!item.positive() && byPipeline) {
				falsePositives.add(account);
			}
			for (var counted : (item.positive()) ? List.of(tally, recall)
					: LookalikeCorpus.HARD.contains(item.family()) ? List.of(tally, namesakes) : List.of(tally)) {
				counted.accounts++;
				counted.hidden += account.hidden() ? 1 : 0;
				counted.scorer += byScorer ? 1 : 0;
				counted.pipeline += byPipeline ? 1 : 0;
			}
		}
		return new Figures(run, registration, poll, discovery, positives, negatives, recall, namesakes, missed,
				falsePositives);
	}

	void print(Figures figures, String title) {
		var run = figures.run();
		System.out.printf(Locale.ROOT, "%n%s%n", title);
		System.out.printf(Locale.ROOT, "  platforms: %d institutions, %d candidate accounts (%d impersonators, %d of them "
				+ "hidden from search); left out: %d cases whose handle was taken, %d namesakes whose town is an "
				+ "institution of the corpus too%n", universe.registered().size(), universe.candidates().size(),
				figures.recall().accounts, universe.hidden, universe.dropped, universe.otherInstitutions);
		System.out.printf(Locale.ROOT, "  registry and poll %.1f s; first discovery run %.1f s: %s, %s searches, %s "
				+ "handles probed, %s unanswered, %s errors, %s candidates scored, %s impersonations, %s unregistered%n",
				figures.registration().plus(figures.poll()).toMillis() / 1e3, figures.discovery().toMillis() / 1e3,
				run.get("status"), run.get("searches"), run.get("probes"), run.get("unanswered"), run.get("errors"),
				run.get("candidates"), run.get("impersonations"), run.get("unregistered"));
		System.out.printf(Locale.ROOT, "  traffic: AppView %d requests (+%d avatars); Mastodon %d requests; busiest "
				+ "window per server %s (limits %d and %d); 429 answers: %d%n", universe.blueskyRequests.get(),
				universe.avatarRequests.get(), universe.mastodonRequests.get(), universe.busiestWindows(),
				LookalikeUniverse.APPVIEW_LIMIT, LookalikeUniverse.MASTODON_LIMIT, universe.tooMany.get());
		System.out.printf(Locale.ROOT, "  first-run recall: pipeline %.4f (%d of %d), scorer %.4f; namesake false "
				+ "positives: pipeline %.4f (%d of %d), scorer %.4f%n", figures.recall().pipelineRate(),
				figures.recall().pipeline, figures.recall().accounts, figures.recall().scorerRate(),
				figures.namesakes().pipelineRate(), figures.namesakes().pipeline, figures.namesakes().accounts,
				figures.namesakes().scorerRate());
		System.out.printf(Locale.ROOT, "  recall per family      accounts  hidden   scorer  pipeline%n");
		figures.positives().forEach((family, tally) -> System.out.printf(Locale.ROOT, "    %-22s %6d  %6d   %.4f   %.4f%n",
				family, tally.accounts, tally.hidden, tally.scorerRate(), tally.pipelineRate()));
		System.out.printf(Locale.ROOT, "  false positives        accounts           scorer  pipeline%n");
		figures.negatives().forEach((family, tally) -> System.out.printf(Locale.ROOT, "    %-22s %6d %s   %.4f   %.4f%n",
				family, tally.accounts, LookalikeCorpus.HARD.contains(family) ? " (hard)" : "       ",
				tally.scorerRate(), tally.pipelineRate()));
	}

	/** The impersonators the pipeline missed and the negatives it flagged, with what the scorer says of them. */
	void examples(Figures figures) {
		var scorer = new Scorer(ScoringWeights.defaults());
		System.out.println("  missed impersonators:");
		for (var account : figures.missed()) {
			example(scorer, account);
		}
		System.out.println("  negatives flagged:");
		for (var account : figures.falsePositives()) {
			example(scorer, account);
		}
	}

	private void example(Scorer scorer, LookalikeUniverse.Account account) {
		var score = scorer.score(account.identity(),
				scorer.prepare(universe.registered().get(account.institution()).institution()), LookalikeCorpus.NOW);
		System.out.printf(Locale.ROOT, "    %-20s %s%s '%s' of %s: scorer %d%n", account.item().family(),
				account.handle(), account.hidden() ? " (hidden)" : "", account.identity().displayName(),
				universe.registered().get(account.institution()).institution().name(), score.points());
		score.reasons().forEach(reason -> System.out.printf(Locale.ROOT, "           %+5d %s: %s%n", reason.points(),
				reason.signal(), reason.english()));
	}

	private static String quote(String value) {
		return "\"" + value.replace("\"", "\"\"") + "\"";
	}

}
