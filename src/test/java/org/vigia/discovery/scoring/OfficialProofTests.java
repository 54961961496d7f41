package org.vigia.discovery.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vigia.platform.Platform;

/** Proof of official control: only what the platform verified counts, never what a profile claims. */
class OfficialProofTests {

	private static final List<String> DOMAINS = List.of("madrid.es", "https://www.esmadrid.com/");

	@Test
	void aBlueskyHandleThatIsTheOfficialDomainProvesControl() {
		assertThat(OfficialProof.of(Identity.of(Platform.BLUESKY, "madrid.es", "Ayuntamiento de Madrid"), DOMAINS))
			.contains("the handle madrid.es is under the official domain madrid.es");
	}

	@Test
	void aBlueskyHandleUnderAnOfficialDomainProvesControl() {
		assertThat(OfficialProof.of(Identity.of(Platform.BLUESKY, "cultura.madrid.es", null), DOMAINS))
			.contains("the handle cultura.madrid.es is under the official domain madrid.es");
		assertThat(OfficialProof.of(Identity.of(Platform.BLUESKY, "turismo.esmadrid.com", null), DOMAINS))
			.contains("the handle turismo.esmadrid.com is under the official domain esmadrid.com");
	}

	@Test
	void aBlueskyHandleThatOnlyEndsLikeAnOfficialDomainProvesNothing() {
		assertThat(OfficialProof.of(Identity.of(Platform.BLUESKY, "ayuntamiento-madrid.es", null), DOMAINS)).isEmpty();
		assertThat(OfficialProof.of(Identity.of(Platform.BLUESKY, "fakemadrid.es", null), DOMAINS)).isEmpty();
		assertThat(OfficialProof.of(Identity.of(Platform.BLUESKY, "madrid.es.bsky.social", null), DOMAINS)).isEmpty();
		assertThat(OfficialProof.of(Identity.of(Platform.BLUESKY, "aytomadrid.bsky.social", null), DOMAINS)).isEmpty();
	}

	@Test
	void aVerifiedMastodonLinkToAnOfficialDomainProvesControl() {
		var candidate = mastodon(new Link("https://www.madrid.es/portal/site/munimadrid", true));
		assertThat(OfficialProof.of(candidate, DOMAINS)).contains(
				"the verified link https://www.madrid.es/portal/site/munimadrid is under the official domain madrid.es");
	}

	@Test
	void anUnverifiedMastodonLinkProvesNothing() {
		assertThat(OfficialProof.of(mastodon(new Link("https://www.madrid.es/", false)), DOMAINS)).isEmpty();
	}

	@Test
	void aVerifiedLinkToAnotherDomainProvesNothing() {
		assertThat(OfficialProof.of(mastodon(new Link("https://madrid.es.example.com/", true)), DOMAINS)).isEmpty();
		assertThat(OfficialProof.of(mastodon(new Link("https://notmadrid.es/", true)), DOMAINS)).isEmpty();
		assertThat(OfficialProof.of(mastodon(new Link("https://evil.example/?madrid.es", true)), DOMAINS)).isEmpty();
	}

	@Test
	void hostileLinksAndDomainsProveNothingAndNeverThrow() {
		for (var url : List.of("", "   ", "https://", "http://[::1", "javascript:alert(1)", "https://ma drid.es/",
				"https://xn--mdrid-0qa.es/", "%%%", "https://" + "a".repeat(5000) + ".es")) {
			assertThat(OfficialProof.of(mastodon(new Link(url, true)), DOMAINS)).as(url).isEmpty();
		}
		assertThat(OfficialProof.of(Identity.of(Platform.BLUESKY, "madrid.es", null), List.of("", "es", " "))).isEmpty();
	}

	@Test
	void otherPlatformsHaveNoProof() {
		assertThat(OfficialProof.of(Identity.of(Platform.X, "madrid.es", null), DOMAINS)).isEmpty();
	}

	private static Identity mastodon(Link link) {
		return new Identity(Platform.MASTODON, "aytomadrid@mastodon.social", "Ayuntamiento de Madrid", null,
				List.of(link), null, null, null);
	}

}
