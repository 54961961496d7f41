package org.vigia.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use Vigía.
 * @param adminPassword password of the built-in {@code admin} user; random and printed once at start-up when unset
 * @param users further users, each with a role; passwords in plain text or in Spring Security's {id}encoded form
 * @param maxBodySize the largest request body accepted anywhere but the registry import, refused before it is read
 * @param allowTestPasswords for tests only: accept passwords shorter than 12 characters and {@code {noop}} ones
 */
@ConfigurationProperties("vigia.security")
@Validated
record SecurityProperties(@Nullable String adminPassword, @Valid List<User> users,
		@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("false") boolean allowTestPasswords) {

	/** The shortest password a person may configure, in characters. */
	static final int MIN_PASSWORD_LENGTH = 12;

	SecurityProperties {
		users = users == null ? List.of() : List.copyOf(users);
		if (maxBodySize.toBytes() < 1024) {
			throw new IllegalArgumentException("vigia.security.max-body-size must be at least 1KB, was " + maxBodySize);
		}
	}

	/** A user of the dashboard and the API. */
	record User(@NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}") String name, @NotBlank String password,
			@NotNull Role role) {
	}

	/** What a user may do: VIEWER reads, EDITOR also writes, ADMIN also operates the service. */
	enum Role {
		VIEWER, EDITOR, ADMIN
	}

}
