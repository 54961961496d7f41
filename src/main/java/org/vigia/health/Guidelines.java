package org.vigia.health;

import org.vigia.common.Visibility;
import java.time.Clock;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.registry.Registry;

/** Each organization's guidelines for its accounts' profiles; the configured defaults where it has none. */
@Service
@Transactional(readOnly = true)
public class Guidelines {

	private final JdbcClient jdbc;

	private final Registry registry;

	private final HealthProperties properties;

	private final Clock clock;

	private final Visibility visibility;

	Guidelines(JdbcClient jdbc, Registry registry, HealthProperties properties, Clock clock, Visibility visibility) {
		this.visibility = visibility;
		this.jdbc = jdbc;
		this.registry = registry;
		this.properties = properties;
		this.clock = clock;
	}

	/** The organization's guidelines; the defaults when it set none. */
	public Guideline get(long organizationId) {
		registry.organization(organizationId);
		return jdbc.sql("""
				select display_name_contains_name, official_link, avatar, handle_pattern
				from organization_guideline where organization_id = :id
				""").param("id", organizationId).query((rs, row) -> new Guideline(
				rs.getBoolean("display_name_contains_name"), rs.getBoolean("official_link"), rs.getBoolean("avatar"),
				rs.getString("handle_pattern"), true)).optional().orElseGet(() -> Guideline.of(properties.guidelines()));
	}

	/** Sets the organization's guidelines; the next evaluation of its accounts applies them. */
	@Transactional
	public Guideline set(long organizationId, boolean displayNameContainsName, boolean officialLink, boolean avatar,
			@Nullable String handlePattern) {
		registry.organization(organizationId);
		visibility.requireEdited(organizationId, id -> new IllegalStateException("organization " + id + " was just seen"));
		var pattern = (handlePattern == null || handlePattern.isBlank()) ? null : handlePattern.strip();
		if (pattern != null) {
			if (pattern.length() > 200) {
				throw new FindingActionException(false, "problem.guideline.patternLength", 200);
			}
			try {
				Pattern.compile(pattern);
			}
			catch (PatternSyntaxException ex) {
				throw new FindingActionException(false, "problem.guideline.pattern", ex.getDescription());
			}
		}
		jdbc.sql("""
				insert into organization_guideline (organization_id, display_name_contains_name, official_link, avatar,
				                                    handle_pattern, updated_at)
				values (:id, :name, :link, :avatar, :pattern, :now)
				on conflict (organization_id) do update set
				    display_name_contains_name = excluded.display_name_contains_name, official_link = excluded.official_link,
				    avatar = excluded.avatar, handle_pattern = excluded.handle_pattern, updated_at = excluded.updated_at
				""")
			.param("id", organizationId)
			.param("name", displayNameContainsName)
			.param("link", officialLink)
			.param("avatar", avatar)
			.param("pattern", pattern, java.sql.Types.VARCHAR)
			.param("now", FindingWriter.timestamp(clock.instant()))
			.update();
		return get(organizationId);
	}

	/** Forgets the organization's guidelines: the defaults apply again. */
	@Transactional
	public Guideline reset(long organizationId) {
		registry.organization(organizationId);
		visibility.requireEdited(organizationId, id -> new IllegalStateException("organization " + id + " was just seen"));
		jdbc.sql("delete from organization_guideline where organization_id = :id").param("id", organizationId).update();
		return get(organizationId);
	}

}
