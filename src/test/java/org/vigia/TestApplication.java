package org.vigia;

import org.springframework.boot.SpringApplication;

/** Runs Vigía against a Testcontainers PostgreSQL: {@code ./mvnw spring-boot:test-run} where Docker exists. */
public class TestApplication {

	public static void main(String[] args) {
		SpringApplication.from(VigiaApplication::main).with(TestDatabase.class).run(args);
	}

}
