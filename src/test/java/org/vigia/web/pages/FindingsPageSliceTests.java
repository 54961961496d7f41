package org.vigia.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.health.Finding;
import org.vigia.health.FindingActionException;
import org.vigia.health.FindingFilter;
import org.vigia.health.FindingNotFoundException;
import org.vigia.health.FindingStatus;
import org.vigia.health.FindingType;
import org.vigia.health.Findings;
import org.vigia.health.Severity;
import org.vigia.platform.Platform;
import org.vigia.web.Exceptions;
import org.vigia.web.WebSamples;
import org.vigia.web.WebSliceTest;

/**
 * The findings pages on their own: the list's filters as bound, a finding's page (the look-alike comparison
 * included, with hostile profile text), and the triage forms with their redirects.
 */
@WebSliceTest(FindingsPage.class)
class FindingsPageSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	java.time.Clock clock;

	@org.junit.jupiter.api.BeforeEach
	void now() {
		when(clock.instant()).thenReturn(Instant.parse("2026-05-14T12:00:00Z"));
	}

	@MockitoBean
	Findings findings;

	@Test
	void theListShowsStandingFindingsByDefault() throws Exception {
		when(findings.list(any(), any())).thenReturn(new PageImpl<>(List.of(WebSamples.dormant(5)), PageRequest.of(0, 50), 1));

		mvc.perform(get("/findings").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(view().name("findings"))
			.andExpect(model().attribute("section", "findings"))
			.andExpect(model().attribute("filter", new FindingFilter(Set.of(FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED),
					Set.of(), Set.of(), null, null, null, null)))
			.andExpect(content().string(containsString("href=\"/findings/5\"")))
			.andExpect(content().string(containsString("DORMANT finding about cultura@social.villaverde.example")));
		verify(findings).list(new FindingFilter(Set.of(FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED), Set.of(),
				Set.of(), null, null, null, null), PageRequest.of(0, 50));
	}

	@Test
	void theListBindsItsFiltersAndIgnoresValuesItDoesNotKnow() throws Exception {
		when(findings.list(any(), any())).thenReturn(new PageImpl<>(List.of(WebSamples.dormant(5)), PageRequest.of(2, 50), 151));

		mvc.perform(get("/findings?status=dismissed&type=GONE,impersonation,BOGUS&severity=high&organizationId=1"
				+ "&platform=bluesky&accountId=7&page=2").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(model().attribute("nextUrl", containsString("page=3")))
			.andExpect(model().attribute("previousUrl", containsString("page=1")))
			.andExpect(model().attribute("previousUrl", containsString("type=GONE")));
		verify(findings).list(new FindingFilter(Set.of(FindingStatus.DISMISSED),
				Set.of(FindingType.GONE, FindingType.IMPERSONATION), Set.of(Severity.HIGH), 1L, null, Platform.BLUESKY, 7L),
				PageRequest.of(2, 50));
	}

	@Test
	void anEmptyStatusMeansAnyAndANegativePageTheFirst() throws Exception {
		when(findings.list(any(), any())).thenReturn(new PageImpl<>(List.of()));

		mvc.perform(get("/findings?status=&page=-4").with(user("victor").roles("VIEWER"))).andExpect(status().isOk());
		verify(findings).list(new FindingFilter(Set.of(), Set.of(), Set.of(), null, null, null, null),
				PageRequest.of(0, 50));
	}

	@Test
	void aPageThatIsNotANumberIsABadRequestThatNamesIt() throws Exception {
		mvc.perform(get("/findings?page=two").with(user("victor").roles("VIEWER")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("&#39;page&#39; must be a number, not &#39;two&#39;")));
		verifyNoInteractions(findings);
	}

	@Test
	void anonymousPeopleAreSentToTheLoginForm() throws Exception {
		mvc.perform(get("/findings").accept("text/html"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		mvc.perform(get("/findings/5").accept("text/html")).andExpect(redirectedUrl("/login"));
		verifyNoInteractions(findings);
	}

	@Test
	void aFindingShowsItsEvidenceAndHistoryAndOffersEditorsItsActions() throws Exception {
		when(findings.get(5)).thenReturn(WebSamples.dormant(5));
		when(findings.history(5)).thenReturn(List.of());

		mvc.perform(get("/findings/5").with(user("ana").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(view().name("finding"))
			.andExpect(model().attribute("lookalike", (Object) null))
			.andExpect(model().attribute("history", List.of()))
			.andExpect(content().string(containsString("Days without a public post")))
			.andExpect(content().string(containsString("action=\"/findings/5/acknowledge\"")))
			.andExpect(content().string(containsString("action=\"/findings/5/dismiss\"")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
		mvc.perform(get("/findings/5").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("/findings/5/acknowledge"))))
			.andExpect(content().string(not(containsString("/findings/5/dismiss"))));
	}

	/**
	 * The evidence table in the reader's language: each key under its label, instants as the reader's date (the exact
	 * instant in a title), the codes a rule writes under their names, addresses as links, numbers grouped, lists and maps
	 * at any depth; an unknown key keeps its name, and the summary's own code is not shown.
	 */
	@Test
	void theEvidenceIsShownInTheReadersLanguage() throws Exception {
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("silentDays", 1234);
		evidence.put("lastActivityAt", "2025-10-13T09:00:00Z");
		evidence.put("newestPostUrl", "https://social.villaverde.example/@cultura/1?a=1&b=<2>");
		evidence.put("dormantAfterDays", 30);
		evidence.put("limitSource", "DEFAULT");
		evidence.put("lastCheckedAt", "2026-05-14T12:00:22.436011Z");
		evidence.put("outcome", "NOT_FOUND");
		evidence.put("platform", "mastodon");
		evidence.put("replyShare", 0.05);
		evidence.put("personalRecovery", true);
		evidence.put("broken", List.of("AVATAR", "DISPLAY_NAME"));
		evidence.put("firstAccounts", List.of(Map.of("accountId", 1234, "handle", "cultura@social.villaverde.example")));
		evidence.put("connections", List.of(Map.of("state", "EXPIRED")));
		evidence.put("lastError", null);
		evidence.put("summaryCode", "finding.summary.reported");
		evidence.put("somethingNew", "as it is");
		when(findings.get(6)).thenReturn(WebSamples.finding(6, FindingType.DORMANT, FindingStatus.OPEN, evidence));
		when(findings.history(6)).thenReturn(List.of());

		var html = mvc.perform(get("/findings/6").header("Accept-Language", "es").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		var page = Jsoup.parse(html);
		var rows = new LinkedHashMap<String, Element>();
		page.select("table.evidence > tbody > tr").forEach(tr -> rows.put(tr.selectFirst("th").text(), tr.selectFirst("td")));
		assertThat(rows.keySet()).containsExactly("Días sin publicar", "Última publicación vista", "Publicación más reciente",
				"Inactiva a partir de (días)", "Límite aplicado", "Última comprobación", "Resultado de la comprobación", "Red",
				"Proporción de respuestas", "Dirección de recuperación personal", "Normas incumplidas", "Cuentas más antiguas",
				"Conexiones", "Último error", "somethingNew");
		assertThat(rows.get("Días sin publicar").text()).isEqualTo("1.234");
		assertThat(rows.get("Última publicación vista").text()).isEqualTo("13 oct 2025, 11:00");
		assertThat(rows.get("Última publicación vista").selectFirst("span").attr("title"))
			.isEqualTo("2025-10-13T11:00:00+02:00 (Europe/Madrid)");
		assertThat(rows.get("Última comprobación").text()).isEqualTo("14 may 2026, 14:00");
		var link = rows.get("Publicación más reciente").selectFirst("a");
		assertThat(link.attr("href")).isEqualTo("https://social.villaverde.example/@cultura/1?a=1&b=%3C2%3E");
		assertThat(link.attr("rel")).isEqualTo("nofollow noopener");
		assertThat(link.text()).isEqualTo("https://social.villaverde.example/@cultura/1?a=1&b=<2>");
		assertThat(rows.get("Límite aplicado").text()).isEqualTo("El límite general de Vigía");
		assertThat(rows.get("Resultado de la comprobación").text()).isEqualTo("no encontrada");
		assertThat(rows.get("Red").text()).isEqualTo("Mastodon");
		assertThat(rows.get("Proporción de respuestas").text()).startsWith("5").endsWith("%").hasSizeLessThan(4);
		assertThat(rows.get("Dirección de recuperación personal").text()).isEqualTo("Sí");
		assertThat(rows.get("Normas incumplidas").select("li").eachText()).containsExactly("Imagen de perfil", "Nombre visible");
		var first = rows.get("Cuentas más antiguas").selectFirst("li dl");
		assertThat(first.select("dt").eachText()).containsExactlyInAnyOrder("Número de cuenta", "Nombre de usuario");
		assertThat(first.select("dd").eachText()).containsExactlyInAnyOrder("1234", "cultura@social.villaverde.example");
		assertThat(rows.get("Conexiones").select("dd").eachText()).containsExactly("Caducada");
		assertThat(rows.get("Último error").text()).isEqualTo("–");
		assertThat(rows.get("somethingNew").text()).isEqualTo("as it is");
		assertThat(page.selectFirst("table.evidence").text()).doesNotContain("silentDays", "DEFAULT", "NOT_FOUND",
				"2026-05-14T12:00:22", "finding.summary", "AVATAR", "EXPIRED", "true");
	}

	@Test
	void anUnknownFindingIsNotFound() throws Exception {
		when(findings.get(99)).thenThrow(new FindingNotFoundException(99));

		mvc.perform(get("/findings/99").with(user("victor").roles("VIEWER"))).andExpect(status().isNotFound());
	}

	@Test
	void anImpersonationIsShownSideBySideWithItsReasonsAndSourcesAndItsHostileTextInert() throws Exception {
		when(findings.get(8)).thenReturn(impersonation("http://cdn.bsky.example/avatar.png"));
		when(findings.history(8)).thenReturn(List.of());

		var result = mvc.perform(get("/findings/8").with(user("victor").roles("VIEWER")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(WebSamples.HOSTILE))))
			.andExpect(content().string(containsString("&lt;img src=x onerror=alert(1)&gt;")))
			.andReturn();
		var lookalike = (LookalikeView) result.getModelAndView().getModel().get("lookalike");
		assertThat(lookalike).isNotNull();
		assertThat(lookalike.score()).isEqualTo(80);

		var page = Jsoup.parse(result.getResponse().getContentAsString());
		var table = page.selectFirst("table.side-by-side");
		assertThat(table).isNotNull();
		assertThat(table.select("thead th").eachText()).containsExactly("Official account (in the registry)",
				"Candidate (open its profile)");
		assertThat(table.selectFirst("thead a[href=\"/accounts/12\"]")).isNotNull();
		assertThat(table.selectFirst("thead a[href=\"https://bsky.app/profile/cultura-villaverde.bsky.social\"]")
			.attr("rel")).contains("noopener", "noreferrer");
		assertThat(row(page, "Handle")).containsExactly("cultura@social.villaverde.example",
				"cultura-villaverde.bsky.social");
		assertThat(row(page, "Display name")).containsExactly("Cultura Villaverde", "Cultura Villaverde");
		assertThat(row(page, "Bio")).containsExactly("Agenda cultural del Ayuntamiento de Villaverde", WebSamples.HOSTILE);
		assertThat(row(page, "Followers")).containsExactly("5,200", "3");
		// The reader's date in the organization's zone, the exact instant in the title.
		assertThat(row(page, "Created")).first().isEqualTo("—");
		assertThat(row(page, "Created").get(1)).startsWith("Nov 18, 2026, 9:00");
		assertThat(table.select("td[title]").eachAttr("title")).containsExactly("2026-11-18T09:00:00+01:00 (Europe/Madrid)");
		assertThat(page.select("img[src=x]")).isEmpty();
		assertThat(page.select("[onerror]")).isEmpty();

		assertThat(page.select("h3").eachText()).contains("Score 80 (threshold 60)", "Found by");
		var reasons = page.select("table:not(.side-by-side) tbody tr").stream()
			.map(tr -> tr.select("td").eachText())
			.toList();
		assertThat(reasons).containsExactly(
				List.of("same display name", "+35", "display name 'Cultura Villaverde' equals the official one"),
				List.of("recently created account", "+15", "account created on 2026-11-18, less than 30 days ago"),
				List.of("official-link", "-10", "links to villaverde.example, unverified"));
		assertThat(page.select("section[aria-labelledby=lookalike-title] ul li").eachText())
			.containsExactly("Bluesky search \"Cultura Villaverde\"", "handle permutation");
		assertThat(page.select("table.evidence")).isEmpty();
	}

	@Test
	void onlyHttpsAvatarsAreLoaded() throws Exception {
		when(findings.get(8)).thenReturn(impersonation("http://cdn.bsky.example/avatar.png"));
		when(findings.get(9)).thenReturn(impersonation("https://cdn.bsky.example/avatar.png"));

		var plain = Jsoup.parse(mvc.perform(get("/findings/8").with(user("victor").roles("VIEWER")))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(plain.select("table.side-by-side img").eachAttr("src"))
			.containsExactly("https://social.villaverde.example/avatars/cultura.png");
		assertThat(plain.select("img[src^=\"http:\"]")).isEmpty();
		// The address itself is a fact of the comparison, shown as text.
		assertThat(row(plain, "Avatar address")).containsExactly("https://social.villaverde.example/avatars/cultura.png",
				"http://cdn.bsky.example/avatar.png");

		var secure = Jsoup.parse(mvc.perform(get("/findings/9").with(user("victor").roles("VIEWER")))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(secure.select("table.side-by-side img").eachAttr("src")).containsExactly(
				"https://social.villaverde.example/avatars/cultura.png", "https://cdn.bsky.example/avatar.png");
		assertThat(secure.select("table.side-by-side img").eachAttr("referrerpolicy")).containsOnly("no-referrer");
	}

	@Test
	void acknowledgingRedirectsBackWithAConfirmation() throws Exception {
		mvc.perform(post("/findings/5/acknowledge").with(user("ana").roles("EDITOR")).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/findings/5"))
			.andExpect(flash().attribute("done", true));
		verify(findings).acknowledge(5, "ana");
	}

	@Test
	void aDismissalTakesItsReasonAndTheDayItEnds() throws Exception {
		mvc.perform(post("/findings/5/dismiss").param("reason", "Summer break")
			.param("until", "2027-09-01")
			.with(user("ana").roles("EDITOR"))
			.with(csrf())).andExpect(redirectedUrl("/findings/5"));
		verify(findings).dismiss(5, "ana", "Summer break", Instant.parse("2027-09-01T00:00:00Z"));

		mvc.perform(post("/findings/6/dismiss").param("reason", "Parody").with(user("ana").roles("EDITOR")).with(csrf()))
			.andExpect(redirectedUrl("/findings/6"));
		verify(findings).dismiss(org.mockito.ArgumentMatchers.eq(6L), org.mockito.ArgumentMatchers.eq("ana"),
				org.mockito.ArgumentMatchers.eq("Parody"), isNull());
	}

	@Test
	void anActionTheFindingsStateForbidsComesBackAsAMessage() throws Exception {
		when(findings.reopen(5, "ana"))
			.thenThrow(Exceptions.of(FindingActionException.class, true, "problem.publish.status", new Object[] { "5", "RESOLVED" }));

		mvc.perform(post("/findings/5/reopen").with(user("ana").roles("EDITOR")).with(csrf()))
			.andExpect(redirectedUrl("/findings/5"))
			.andExpect(flash().attribute("error", org.hamcrest.Matchers.<Object>hasToString(org.hamcrest.Matchers.containsString(
					"\"problem.publish.status\""))))
			.andExpect(flash().attributeCount(1));
	}

	@Test
	void formsNeedACsrfTokenAndAnEditor() throws Exception {
		mvc.perform(post("/findings/5/acknowledge").with(user("ana").roles("EDITOR"))).andExpect(status().isForbidden());
		mvc.perform(post("/findings/5/dismiss").param("reason", "x").with(user("victor").roles("VIEWER")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/findings/5/reopen").accept("text/html").with(csrf()))
			.andExpect(redirectedUrl("/login"));
		verify(findings, never()).acknowledge(anyLong(), anyString());
		verify(findings, never()).dismiss(anyLong(), anyString(), any(), any());
		verify(findings, never()).reopen(anyLong(), anyString());
	}

	/** The texts of a side-by-side row's two cells, official then candidate. */
	private static List<String> row(Document page, String label) {
		var header = page.select("table.side-by-side tbody th[scope=row]")
			.stream()
			.filter(th -> th.text().equals(label))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No row " + label));
		return header.parent().select("td").stream().map(Element::wholeText).toList();
	}

	/** An IMPERSONATION finding whose evidence has the shape the discoverer writes, with a hostile bio. */
	private static Finding impersonation(String candidateAvatar) {
		var official = new LinkedHashMap<String, Object>();
		official.put("platform", "MASTODON");
		official.put("handle", "cultura@social.villaverde.example");
		official.put("url", "https://social.villaverde.example/@cultura");
		official.put("displayName", "Cultura Villaverde");
		official.put("bio", "Agenda cultural del Ayuntamiento de Villaverde");
		official.put("avatarUrl", "https://social.villaverde.example/avatars/cultura.png");
		official.put("followers", 5200);
		official.put("accountId", 12);
		var candidate = new LinkedHashMap<String, Object>();
		candidate.put("platform", "BLUESKY");
		candidate.put("handle", "cultura-villaverde.bsky.social");
		candidate.put("url", "https://bsky.app/profile/cultura-villaverde.bsky.social");
		candidate.put("platformId", "did:plc:4x3kq7n2lzv6h5d2kq7n2lzv");
		candidate.put("displayName", "Cultura Villaverde");
		candidate.put("bio", WebSamples.HOSTILE);
		candidate.put("avatarUrl", candidateAvatar);
		candidate.put("createdAt", "2026-11-18T08:00:00Z");
		candidate.put("followers", 3);
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("candidate", candidate);
		evidence.put("official", official);
		evidence.put("score", 80);
		evidence.put("threshold", 60);
		evidence.put("reasons", List.of(
				Map.of("signal", "display-equal", "points", 35, "detail",
						"display name 'Cultura Villaverde' equals the official one"),
				Map.of("signal", "young-account", "points", 15, "detail",
						org.vigia.platform.Message.of("reason.youngAccount", "2026-11-18", 30).encode()),
				Map.of("signal", "official-link", "points", -10, "detail", "links to villaverde.example, unverified")));
		evidence.put("sources", List.of("Bluesky search \"Cultura Villaverde\"", "handle permutation"));
		return WebSamples.finding(8, FindingType.IMPERSONATION, FindingStatus.OPEN, evidence);
	}

}
