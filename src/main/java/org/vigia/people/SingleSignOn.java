package org.vigia.people;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.common.Audited;

/**
 * People who sign in through an OpenID Connect provider: found again by the provider's issuer and subject, created at
 * their first sign-in (source SSO, no password), and, when {@code vigia.security.sso.grants} maps claim values to
 * grants, given the grants their claim maps to at every sign-in, so that a change in the provider's groups changes
 * them. Without a mapping, an administrator gives their grants.
 */
@Service
@EnableConfigurationProperties(SsoProperties.class)
public class SingleSignOn {

	private static final Logger log = LoggerFactory.getLogger(SingleSignOn.class);

	/**
	 * Who the provider says signed in.
	 * @param issuer the provider's issuer
	 * @param subject its stable id for the person
	 * @param claims the ID token's and user info's claims
	 * @param address the client address, for the audit trail
	 */
	public record Identity(String issuer, String subject, Map<String, Object> claims, @Nullable String address) {
	}

	private final JdbcClient jdbc;

	private final People people;

	private final SsoProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SingleSignOn(JdbcClient jdbc, People people, SsoProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.people = people;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The person who signed in, created or brought in step with the provider's claims.
	 * @throws InvalidPersonException when the user name the provider gives belongs to someone else in Vigía
	 */
	@Transactional
	public Person signedIn(Identity identity) {
		var existing = jdbc.sql("select id from users where sso_issuer = :issuer and sso_subject = :subject")
			.param("issuer", identity.issuer())
			.param("subject", identity.subject())
			.query(Long.class)
			.optional();
		var displayName = string(identity.claims().get("name"));
		var email = string(identity.claims().get("email"));
		long id;
		Person before;
		if (existing.isEmpty()) {
			var username = username(identity);
			if (people.find(username).isPresent()) {
				// Someone of that name signs in otherwise (a password, the configuration): taking it over would hand the
				// provider's user their grants.
				throw new InvalidPersonException("sso.usernameTaken",
						"The user name " + username + " belongs to a user who does not sign in through single sign-on");
			}
			id = jdbc.sql("""
					insert into users (username, display_name, email, source, sso_issuer, sso_subject)
					values (:username, :displayName, :email, 'SSO', :issuer, :subject) returning id
					""")
				.param("username", username)
				.param("displayName", displayName)
				.param("email", email)
				.param("issuer", identity.issuer())
				.param("subject", identity.subject())
				.query(Long.class)
				.single();
			before = null;
			events.publishEvent(new Audited("user.created", "user", Long.toString(id), null, null,
					People.snapshot(people.get(id)), username, identity.address()));
		}
		else {
			id = existing.get();
			before = people.get(id);
			if (!Objects.equals(displayName, before.displayName()) || !Objects.equals(email, before.email())) {
				jdbc.sql("update users set display_name = :displayName, email = :email, updated_at = :now where id = :id")
					.param("displayName", displayName)
					.param("email", email)
					.param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
					.param("id", id)
					.update();
				events.publishEvent(new Audited("user.updated", "user", Long.toString(id), null,
						Map.of("displayName", String.valueOf(before.displayName()), "email", String.valueOf(before.email())),
						Map.of("displayName", String.valueOf(displayName), "email", String.valueOf(email)),
						before.username(), identity.address()));
			}
		}
		if (!properties.mapping().isEmpty()) {
			mapGrants(id, identity);
		}
		return people.get(id);
	}

	/** Replaces a person's grants with those its claim maps to, when they differ. */
	private void mapGrants(long id, Identity identity) {
		var current = people.get(id);
		var mapped = mapped(claimValues(identity.claims(), properties.grantsClaim()));
		if (Set.copyOf(mapped).equals(Set.copyOf(current.grants()))) {
			return;
		}
		jdbc.sql("delete from grants where user_id = :id").param("id", id).update();
		for (var grant : mapped) {
			jdbc.sql("insert into grants (user_id, role, organization_id) values (:user, :role, :organization)")
				.param("user", id)
				.param("role", grant.role().name())
				.param("organization", grant.organizationId(), java.sql.Types.BIGINT)
				.update();
		}
		events.publishEvent(new Audited("grants.changed", "user", Long.toString(id), null,
				Map.of("grants", current.grants()),
				Map.of("grants", mapped, "claim", properties.grantsClaim()), current.username(), identity.address()));
	}

	/** The grants the claim values map to; an organization slug that names no organization gives nothing. */
	List<Grant> mapped(Collection<String> values) {
		var grants = new LinkedHashSet<Grant>();
		var mapping = properties.mapping();
		for (var value : values) {
			for (var grant : mapping.getOrDefault(value, List.of())) {
				if (grant.organizationSlug() == null) {
					grants.add(Grant.global(grant.role()));
					continue;
				}
				var organization = jdbc.sql("select id from registry_organizations where slug = :slug")
					.param("slug", grant.organizationSlug())
					.query(Long.class)
					.optional();
				if (organization.isEmpty()) {
					log.warn("vigia.security.sso.grants maps '{}' to the organization '{}', which does not exist", value,
							grant.organizationSlug());
					continue;
				}
				grants.add(new Grant(grant.role(), organization.get()));
			}
		}
		return List.copyOf(grants);
	}

	/** The claim's values: a list, one string, or a path into nested objects such as {@code realm_access.roles}. */
	static List<String> claimValues(Map<String, Object> claims, String claim) {
		@Nullable Object value = claims.get(claim);
		if (value == null && claim.contains(".")) {
			Object node = claims;
			for (var part : claim.split("\\.")) {
				node = node instanceof Map<?, ?> map ? map.get(part) : null;
			}
			value = node;
		}
		var values = new ArrayList<String>();
		if (value instanceof Collection<?> collection) {
			collection.forEach(item -> values.add(String.valueOf(item)));
		}
		else if (value instanceof Object[] array) {
			for (var item : array) {
				values.add(String.valueOf(item));
			}
		}
		else if (value != null) {
			values.add(value.toString());
		}
		return values;
	}

	/** A user name Vigía accepts, from the configured claim, else the e-mail address, else the subject. */
	private String username(Identity identity) {
		for (var candidate : new String[] { string(identity.claims().get(properties.usernameClaim())),
				string(identity.claims().get("email")), identity.subject() }) {
			if (candidate == null) {
				continue;
			}
			var cleaned = candidate.strip().replaceAll("[^A-Za-z0-9._@-]", "_");
			if (!cleaned.isEmpty()) {
				return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
			}
		}
		throw new InvalidPersonException("sso.noUsername", "The provider gave no name for this person");
	}

	private static @Nullable String string(@Nullable Object value) {
		return value == null || value.toString().isBlank() ? null : value.toString().strip();
	}


}
