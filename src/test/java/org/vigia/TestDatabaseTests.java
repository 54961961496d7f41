package org.vigia;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.vigia.TestDatabase.Source;

/** Which database the tests run on, decided once per JVM from what the machine offers. */
class TestDatabaseTests {

	final AtomicInteger dockerAsked = new AtomicInteger();

	BooleanSupplier docker(boolean answers) {
		return () -> {
			dockerAsked.incrementAndGet();
			return answers;
		};
	}

	@Test
	void aDatabaseUrlGivenWinsAndDockerIsNotEvenAsked() {
		assertThat(Source.choose("jdbc:postgresql://127.0.0.1:5432/vigia_ci", docker(true))).isEqualTo(Source.URL);
		assertThat(Source.choose("jdbc:postgresql://127.0.0.1:5432/vigia_ci", docker(false))).isEqualTo(Source.URL);
		assertThat(dockerAsked).hasValue(0);
	}

	@Test
	void withoutAUrlTestcontainersRunsPostgresqlWhenDockerAnswers() {
		assertThat(Source.choose(null, docker(true))).isEqualTo(Source.CONTAINER);
		assertThat(dockerAsked).hasValue(1);
	}

	@Test
	void withoutAUrlOrDockerTheTestsStartAnEmbeddedPostgresql() {
		assertThat(Source.choose(null, docker(false))).isEqualTo(Source.EMBEDDED);
	}

	@Test
	void aBlankUrlCountsAsNone() {
		assertThat(Source.choose("", docker(false))).isEqualTo(Source.EMBEDDED);
		assertThat(Source.choose("  ", docker(true))).isEqualTo(Source.CONTAINER);
	}

}
