package org.vigia;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Vigía: the inventory and watch of an institution's official social media accounts. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigiaApplication {

	public static void main(String[] args) {
		SpringApplication.run(VigiaApplication.class, args);
	}

	/** The one source of time, so rules and tests can move it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
