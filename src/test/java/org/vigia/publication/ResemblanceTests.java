package org.vigia.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vigia.registry.PublishedOrganization;
import org.vigia.registry.PublishedRegistry.PublishedHandle;

class ResemblanceTests {

	static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

	final Resemblance resemblance = Resemblance.of("v1", List.of(
			new PublishedOrganization(1, "Ayuntamiento de Villaverde", "ayuntamiento-de-villaverde",
					List.of("villaverde.example"), NOW, -1),
			new PublishedOrganization(2, "Diputación de Málaga", "diputacion-de-malaga", List.of("malaga.example"), NOW,
					-1),
			new PublishedOrganization(3, "Ministerio de Cultura", "ministerio-de-cultura", List.of(), NOW, -1)),
			List.of(new PublishedHandle(1, "aytovillaverde@mastodon.social"),
					new PublishedHandle(3, "culturagob.bsky.social")));

	@Test
	void anAccountIsNearTheOrganizationsWhoseNamesOrHandlesShareItsTrigrams() {
		assertThat(resemblance.nearest(List.of("aytovillaverde_"), 3)).containsExactly(1L);
		assertThat(resemblance.nearest(List.of("Diputacion de Malaga oficial"), 3)).first().isEqualTo(2L);
		assertThat(resemblance.nearest(List.of("culturagob"), 3)).first().isEqualTo(3L);
	}

	@Test
	void anAccountLikeNoneIsNearNone() {
		assertThat(resemblance.nearest(List.of("xqzw"), 3)).isEmpty();
		assertThat(resemblance.nearest(List.of("", "  "), 3)).isEmpty();
	}

	@Test
	void trigramsAreMadeAsPgTrgmMakesThemWithoutCaseOrAccents() {
		assertThat(Resemblance.trigrams("Má")).containsExactly("  m", " ma", "ma ");
	}

}
