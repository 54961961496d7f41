package org.vigia.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.common.Audited;

/**
 * The people who use Vigía: created from the configuration at every start (and kept in step with it), by
 * administrators, or at a first single sign-on; disabled rather than deleted, so that the audit trail keeps naming them.
 * Passwords are kept BCrypt-encoded and are at least {@value #MIN_PASSWORD_LENGTH} characters long. Every change is
 * published as {@link Audited}.
 */
@Service
public class People {

	/** The shortest password a person may choose, in characters. */
	public static final int MIN_PASSWORD_LENGTH = 12;

	private static final int MAX_PASSWORD_LENGTH = 200;

	private static final Set<String> LANGUAGES = Set.of("en", "es", "ca", "gl", "eu");

	private static final Logger log = LoggerFactory.getLogger(People.class);

	/** A person as an administrator asks for it; {@code password} null for a service user or single sign-on only. */
	public record NewPerson(String username, @Nullable String displayName, @Nullable String email,
			@Nullable String password, boolean service, List<Grant> grants) {
	}

	/** What an administrator changes of a person: a null field is left as it is. */
	public record Changes(@Nullable String displayName, @Nullable String email, @Nullable Boolean enabled,
			@Nullable List<Grant> grants) {
	}

	/**
	 * A user of the configuration. Its password stays in the configuration: every node checks it against its own
	 * configuration, as before users were kept in PostgreSQL; the row here gives it grants, tokens and a place in the
	 * audit trail.
	 * @param username its name
	 * @param role its role, on all organizations
	 */
	public record Configured(String username, Role role) {
	}

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/**
	 * @param encoders the web's password encoder; a worker node (no web) has none and uses the same delegating
	 * encoder, so that what one node writes every other can check
	 */
	People(JdbcClient jdbc, ObjectProvider<PasswordEncoder> encoders, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.encoder = encoders.getIfAvailable(PasswordEncoderFactories::createDelegatingPasswordEncoder);
		this.events = events;
		this.clock = clock;
	}

	/** Everyone, by user name. */
	@Transactional(readOnly = true)
	public List<Person> list() {
		var grants = grants(null);
		return jdbc.sql("select * from users order by lower(username)")
			.query((rs, n) -> person(rs, grants.getOrDefault(rs.getLong("id"), List.of())))
			.list();
	}

	/** @throws PersonNotFoundException when there is no such person */
	@Transactional(readOnly = true)
	public Person get(long id) {
		return jdbc.sql("select * from users where id = :id")
			.param("id", id)
			.query((rs, n) -> person(rs, grants(id).getOrDefault(id, List.of())))
			.optional()
			.orElseThrow(() -> new PersonNotFoundException("user", id));
	}

	/** The person with this user name, compared without case. */
	@Transactional(readOnly = true)
	public Optional<Person> find(String username) {
		return jdbc.sql("select id from users where lower(username) = lower(:username)")
			.param("username", username)
			.query(Long.class)
			.optional()
			.map(this::get);
	}

	/** Creates a person signing in with a password (or, as a service user, only with tokens). */
	@Transactional
	public Person create(NewPerson person) {
		var username = person.username() == null ? "" : person.username().strip();
		if (!username.matches("[A-Za-z0-9._@-]{1,64}")) {
			throw new InvalidPersonException("people.invalid.username",
					"A user name is 1 to 64 letters, digits, dots, hyphens, underscores or @");
		}
		String hash = null;
		if (person.password() != null && !person.password().isEmpty()) {
			hash = encoder.encode(checked(person.password()));
		}
		else if (!person.service()) {
			throw new InvalidPersonException("people.invalid.passwordShort",
					"A password has at least " + MIN_PASSWORD_LENGTH + " characters", MIN_PASSWORD_LENGTH);
		}
		long id;
		try {
			id = jdbc.sql("""
					insert into users (username, display_name, email, password_hash, source, service)
					values (:username, :displayName, :email, :hash, 'LOCAL', :service) returning id
					""")
				.param("username", username)
				.param("displayName", blankToNull(person.displayName()))
				.param("email", blankToNull(person.email()))
				.param("hash", hash)
				.param("service", person.service())
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw new UsernameTakenException(username);
		}
		writeGrants(id, person.grants());
		var created = get(id);
		events.publishEvent(Audited.change("user.created", "user", id, null, null, snapshot(created)));
		return created;
	}

	/** Changes a person's name, address, whether it is enabled, and its grants. */
	@Transactional
	public Person update(long id, Changes changes) {
		var before = get(id);
		if (changes.enabled() != null || changes.grants() != null) {
			requireManagedHere(before);
		}
		jdbc.sql("""
				update users set display_name = coalesce(:displayName, display_name), email = coalesce(:email, email),
				       enabled = coalesce(:enabled, enabled), updated_at = :now
				where id = :id
				""")
			.param("displayName", changes.displayName())
			.param("email", changes.email())
			.param("enabled", changes.enabled())
			.param("now", now())
			.param("id", id)
			.update();
		if (changes.grants() != null && !Set.copyOf(changes.grants()).equals(Set.copyOf(before.grants()))) {
			jdbc.sql("delete from grants where user_id = :id").param("id", id).update();
			writeGrants(id, changes.grants());
			events.publishEvent(Audited.change("grants.changed", "user", id, null, Map.of("grants", before.grants()),
					Map.of("grants", changes.grants())));
		}
		var after = get(id);
		if (!fields(before).equals(fields(after))) {
			var action = before.enabled() && !after.enabled() ? "user.disabled"
					: !before.enabled() && after.enabled() ? "user.enabled" : "user.updated";
			events.publishEvent(Audited.change(action, "user", id, null, fields(before), fields(after)));
		}
		return after;
	}

	/** Disables a person: it can no longer sign in nor use its tokens; it stays in the audit trail. */
	@Transactional
	public Person disable(long id) {
		return update(id, new Changes(null, null, false, null));
	}

	/** Sets a new password, chosen by an administrator. */
	@Transactional
	public void resetPassword(long id, String password) {
		var person = get(id);
		requireManagedHere(person);
		setPassword(person.id(), password);
		events.publishEvent(Audited.fact("user.passwordReset", "user", id, null, Map.of("username", person.username())));
	}

	/** A person changes its own password, giving the current one. */
	@Transactional
	public void changeOwnPassword(String username, String current, String next) {
		var hash = jdbc.sql("select password_hash from users where lower(username) = lower(:username)")
			.param("username", username)
			.query(String.class)
			.optional()
			.orElse(null);
		if (hash == null || !encoder.matches(current, hash)) {
			throw new InvalidPersonException("profile.password.wrong", "The current password is not right");
		}
		var person = find(username).orElseThrow();
		if (person.source() == Source.ENV) {
			throw new InvalidPersonException("profile.password.configured",
					"This user's password is set in the configuration");
		}
		setPassword(person.id(), next);
		events.publishEvent(Audited.fact("user.passwordChanged", "user", person.id(), null,
				Map.of("username", person.username())));
	}

	/** A person's preferred language, or none. */
	@Transactional
	public void setLanguage(String username, @Nullable String language) {
		if (language != null && !LANGUAGES.contains(language)) {
			throw new InvalidPersonException("profile.language.unknown", "Unknown language " + language);
		}
		jdbc.sql("update users set language = :language, updated_at = :now where lower(username) = lower(:username)")
			.param("language", language)
			.param("now", now())
			.param("username", username)
			.update();
	}

	/**
	 * Creates or updates the users of the configuration (source ENV) with their role on all organizations. A person
	 * of the same name created in Vigía becomes one of the configuration's. Users of the configuration are managed
	 * there: Vigía does not change their password, role or state.
	 */
	@Transactional
	public void bootstrap(List<Configured> configured) {
		for (var user : configured) {
			var id = jdbc.sql("""
					insert into users (username, source, enabled) values (:username, 'ENV', true)
					on conflict (lower(username)) do update
					set password_hash = null, source = 'ENV', enabled = true, service = false, updated_at = now()
					returning id
					""")
				.param("username", user.username())
				.query(Long.class)
				.single();
			jdbc.sql("delete from grants where user_id = :id").param("id", id).update();
			writeGrants(id, List.of(Grant.global(user.role())));
		}
		log.debug("Users of the configuration in step: {}", configured.stream().map(Configured::username).toList());
	}

	private static void requireManagedHere(Person person) {
		if (person.source() == Source.ENV) {
			throw new InvalidPersonException("people.invalid.configured",
					"This user is managed in the configuration (VIGIA_SECURITY_*), not in Vigía");
		}
	}

	private void setPassword(long id, String password) {
		jdbc.sql("update users set password_hash = :hash, updated_at = :now where id = :id")
			.param("hash", encoder.encode(checked(password)))
			.param("now", now())
			.param("id", id)
			.update();
	}

	private static String checked(@Nullable String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
			throw new InvalidPersonException("people.invalid.passwordShort",
					"A password has at least " + MIN_PASSWORD_LENGTH + " characters", MIN_PASSWORD_LENGTH);
		}
		if (password.length() > MAX_PASSWORD_LENGTH) {
			throw new InvalidPersonException("people.invalid.passwordLong",
					"A password has at most " + MAX_PASSWORD_LENGTH + " characters");
		}
		return password;
	}

	private void writeGrants(long userId, List<Grant> grants) {
		for (var grant : new LinkedHashSet<>(grants)) {
			jdbc.sql("insert into grants (user_id, role, organization_id) values (:user, :role, :organization)")
				.param("user", userId)
				.param("role", grant.role().name())
				.param("organization", grant.organizationId(), java.sql.Types.BIGINT)
				.update();
		}
	}

	private Map<Long, List<Grant>> grants(@Nullable Long userId) {
		var grants = new LinkedHashMap<Long, List<Grant>>();
		jdbc.sql("""
				select user_id, role, organization_id from grants where (cast(:user as bigint) is null or user_id = :user)
				order by user_id, role desc, organization_id nulls first
				""")
			.param("user", userId, java.sql.Types.BIGINT)
			.query(rs -> {
				var organization = rs.getObject("organization_id", Long.class);
				grants.computeIfAbsent(rs.getLong("user_id"), k -> new ArrayList<>())
					.add(new Grant(Role.valueOf(rs.getString("role")), organization));
			});
		return grants;
	}

	private static Person person(ResultSet rs, List<Grant> grants) throws SQLException {
		return new Person(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
				rs.getString("email"), rs.getBoolean("enabled"), Source.valueOf(rs.getString("source")),
				rs.getBoolean("service"), rs.getString("language"), rs.getString("password_hash") != null, grants,
				rs.getTimestamp("created_at").toInstant());
	}

	/** What the audit trail keeps of a person: never a password. */
	static Map<String, Object> snapshot(Person person) {
		var fields = fields(person);
		fields.put("grants", person.grants());
		return fields;
	}

	private static Map<String, Object> fields(Person person) {
		var fields = new LinkedHashMap<String, Object>();
		fields.put("username", person.username());
		fields.put("displayName", person.displayName());
		fields.put("email", person.email());
		fields.put("enabled", person.enabled());
		fields.put("service", person.service());
		return fields;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

}
