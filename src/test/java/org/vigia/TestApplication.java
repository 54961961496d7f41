package org.vigia;

import org.springframework.boot.SpringApplication;

/**
 * Runs Vigía on the tests' database ({@link TestDatabase}: a throwaway one unless {@code VIGIA_TEST_DATABASE_URL} is
 * set): {@code ./mvnw spring-boot:test-run}.
 */
public class TestApplication {

	public static void main(String[] args) {
		SpringApplication.from(VigiaApplication::main).with(TestDatabase.class).run(args);
	}

}
