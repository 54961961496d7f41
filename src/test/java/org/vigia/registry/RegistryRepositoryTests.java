package org.vigia.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.vigia.TestDatabase;
import org.vigia.platform.Platform;

@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(TestDatabase.class)
@TestPropertySource(properties = {
		"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.maximum-pool-size=4" })
class RegistryRepositoryTests {

	// PostgreSQL keeps microseconds; compare what it can hold.
	static final Instant NOW = Instant.parse("2026-11-29T08:00:00.123456Z").truncatedTo(ChronoUnit.MICROS);

	@Autowired
	OrganizationRepository organizations;

	@Autowired
	UnitRepository units;

	@Autowired
	AccountRepository accounts;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void emptyRegistry() {
		// Rolled back with the test, like everything else here.
		jdbc.sql("truncate account, unit, organization restart identity cascade").update();
	}

	Organization organization(String name) {
		return organizations.save(Organization.create(new OrganizationDraft(name, List.of(), List.of()), NOW));
	}

	AccountDetails details(long organizationId, Long unitId, String handle) {
		return new AccountDetails(organizationId, unitId, Platform.TELEGRAM.parse(handle), null, null, null, null,
				null, null);
	}

	@Test
	void keepsAliasesAndDomainsAsArraysAndFindsOrganizationsByNameIgnoringCase() {
		var saved = organizations.save(Organization.create(new OrganizationDraft("Ayuntamiento de Villaverde",
				List.of("Ayto. Villaverde", "Villaverde"), List.of("villaverde.example.es")), NOW));
		var found = organizations.findByName("AYUNTAMIENTO DE VILLAVERDE").orElseThrow();
		assertThat(found).usingRecursiveComparison().ignoringFields("slug").isEqualTo(saved);
		// The database gives the slug, from the name, once.
		assertThat(found.slug()).isEqualTo("ayuntamiento-de-villaverde");
		assertThat(found.aliases()).containsExactly("Ayto. Villaverde", "Villaverde");
		assertThat(found.officialDomains()).containsExactly("villaverde.example.es");
		assertThat(found.createdAt()).isEqualTo(NOW);
	}

	@Test
	void refusesTwoOrganizationsWhoseNamesDifferOnlyInCase() {
		organization("Diputación de Ejemplo");
		assertThatThrownBy(() -> organization("DIPUTACIÓN DE EJEMPLO"))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void refusesTheSameAccountTwiceEvenWhenTheFirstIsArchived() {
		var organization = organization("Villaverde");
		var first = accounts.save(Account.register(details(organization.id(), null, "villaverde_info"), NOW));
		accounts.save(first.archive(NOW.plusSeconds(60)));
		var archived = accounts.findByPlatformAndHandle(Platform.TELEGRAM, "villaverde_info").orElseThrow();
		assertThat(archived.status()).isEqualTo(AccountStatus.ARCHIVED);
		assertThat(archived.archivedAt()).isEqualTo(NOW.plusSeconds(60));
		assertThatThrownBy(
				() -> accounts.save(Account.register(details(organization.id(), null, "@Villaverde_Info"), NOW)))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void refusesAnAccountWhoseUnitBelongsToAnotherOrganization() {
		var villaverde = organization("Villaverde");
		var other = organization("Otro Municipio");
		var unit = units.save(Unit.create(other.id(), "Cultura", List.of("cultura@otro.example.es"), false, NOW));
		assertThatThrownBy(
				() -> accounts.save(Account.register(details(villaverde.id(), unit.id(), "villaverde_info"), NOW)))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void restoringAnArchivedAccountClearsItsArchiveDate() {
		var organization = organization("Villaverde");
		var account = accounts.save(Account.register(details(organization.id(), null, "villaverde_info"), NOW));
		var archived = accounts.save(account.archive(NOW.plusSeconds(1)));
		var restored = accounts.save(archived.restore(NOW.plusSeconds(2)));
		assertThat(accounts.findById(restored.id()).orElseThrow()).satisfies(found -> {
			assertThat(found.status()).isEqualTo(AccountStatus.ACTIVE);
			assertThat(found.archivedAt()).isNull();
			assertThat(found.createdAt()).isEqualTo(NOW);
			assertThat(found.updatedAt()).isEqualTo(NOW.plusSeconds(2));
		});
	}

}
