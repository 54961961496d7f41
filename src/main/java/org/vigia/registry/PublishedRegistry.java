package org.vigia.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.Platform;

/**
 * The part of the registry organizations publish: their official accounts, read only for organizations that opted
 * in, and only the fields the public may see. Every read is one indexed query.
 */
@Service
@Transactional(readOnly = true)
public class PublishedRegistry {

	private static final String ACCOUNT_COLUMNS = """
			a.id, a.organization_id, o.name as organization_name, o.slug, a.platform, a.handle, a.url, a.display_name,
			u.name as unit_name, a.purpose, a.language, a.status, a.created_at, a.archived_at
			""";

	private final JdbcClient jdbc;

	private final OrganizationRepository organizations;

	private final Clock clock;

	PublishedRegistry(JdbcClient jdbc, OrganizationRepository organizations, Clock clock) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.clock = clock;
	}

	/** The organization with this slug, when it publishes its directory; empty otherwise, whether it exists or not. */
	public Optional<PublishedOrganization> organization(String slug) {
		return jdbc.sql(ORGANIZATIONS + " and o.slug = :slug").param("slug", slug)
			.query((rs, row) -> organization(rs))
			.optional();
	}

	/** The organization with this id, when it publishes its directory. */
	public Optional<PublishedOrganization> organization(long id) {
		return jdbc.sql(ORGANIZATIONS + " and o.id = :id").param("id", id)
			.query((rs, row) -> organization(rs))
			.optional();
	}

	/**
	 * Every organization that publishes its directory, by name, with its version but without counting its accounts
	 * ({@code accounts} is -1): one index probe per organization, whatever the size of the registry.
	 */
	public List<PublishedOrganization> organizations() {
		return jdbc.sql("""
				select o.id, o.name, o.slug, o.official_domains,
				       greatest(o.updated_at,
				                (select max(a.updated_at) from account a where a.organization_id = o.id),
				                (select max(u.updated_at) from unit u where u.organization_id = o.id)) as updated_at,
				       -1 as accounts
				from organization o
				where o.public_directory
				order by lower(o.name)
				""").query((rs, row) -> organization(rs)).list();
	}

	/** The publishing organizations with these ids, by name. */
	public List<PublishedOrganization> organizations(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(ORGANIZATIONS + " and o.id = any(:ids) order by lower(o.name)")
			.param("ids", ids.toArray(Long[]::new))
			.query((rs, row) -> organization(rs))
			.list();
	}

	/** A handle of a publishing organization's official (active) account. */
	public record PublishedHandle(long organizationId, String handle) {
	}

	/** Every official (active) handle of every publishing organization: what suggestions are looked up in. */
	public List<PublishedHandle> handles() {
		return jdbc.sql("""
				select a.organization_id, a.handle
				from account a join organization o on o.id = a.organization_id
				where o.public_directory and a.status = 'ACTIVE'
				""").query((rs, row) -> new PublishedHandle(rs.getLong("organization_id"), rs.getString("handle"))).list();
	}

	/**
	 * An organization's version is the latest change to it, its units or its accounts, and it counts its active
	 * accounts: each is one probe of an index on the organization's rows, whatever the size of the registry.
	 */
	private static final String ORGANIZATIONS = """
			select o.id, o.name, o.slug, o.official_domains,
			       greatest(o.updated_at,
			                (select max(a.updated_at) from account a where a.organization_id = o.id),
			                (select max(u.updated_at) from unit u where u.organization_id = o.id)) as updated_at,
			       (select count(*) from account a where a.organization_id = o.id and a.status = 'ACTIVE') as accounts
			from organization o
			where o.public_directory
			""";

	private static PublishedOrganization organization(ResultSet rs) throws SQLException {
		var domains = (String[]) rs.getArray("official_domains").getArray();
		return new PublishedOrganization(rs.getLong("id"), rs.getString("name"), rs.getString("slug"),
				List.of(domains), rs.getTimestamp("updated_at").toInstant(), rs.getInt("accounts"));
	}

	/** The organization's official (active) accounts, by network, unit and handle. */
	public List<PublishedAccount> accounts(long organizationId) {
		return jdbc.sql("select " + ACCOUNT_COLUMNS + """
				from account a join organization o on o.id = a.organization_id left join unit u on u.id = a.unit_id
				where a.organization_id = :organizationId and o.public_directory and a.status = 'ACTIVE'
				order by a.platform, u.name nulls last, a.handle
				""").param("organizationId", organizationId).query((rs, row) -> account(rs)).list();
	}

	/** The official accounts of one network of a publishing organization, by unit and handle. */
	public List<PublishedAccount> accounts(long organizationId, Platform platform) {
		return jdbc.sql("select " + ACCOUNT_COLUMNS + """
				from account a join organization o on o.id = a.organization_id left join unit u on u.id = a.unit_id
				where a.organization_id = :organizationId and o.public_directory and a.status = 'ACTIVE'
				  and a.platform = :platform
				order by u.name nulls last, a.handle
				""").param("organizationId", organizationId).param("platform", platform.name())
			.query((rs, row) -> account(rs))
			.list();
	}

	/**
	 * The accounts of publishing organizations, active or archived, registered under any of these addresses (the
	 * forms a pasted handle may canonically be on the networks that accept it).
	 */
	public List<PublishedAccount> find(Collection<AccountAddress> addresses) {
		if (addresses.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + ACCOUNT_COLUMNS + """
				from unnest(:platforms::text[], :handles::text[]) as w(platform, handle)
				join account a on a.platform = w.platform and a.handle = w.handle
				join organization o on o.id = a.organization_id left join unit u on u.id = a.unit_id
				where o.public_directory
				order by a.status, a.id
				""")
			.param("platforms", addresses.stream().map(address -> address.platform().name()).toArray(String[]::new))
			.param("handles", addresses.stream().map(AccountAddress::handle).toArray(String[]::new))
			.query((rs, row) -> account(rs))
			.list();
	}

	/** Switches the organization's public directory on or off. */
	@Transactional
	public Organization publish(long organizationId, boolean published) {
		var organization = organizations.findById(organizationId)
			.orElseThrow(() -> new RegistryNotFoundException("organization", organizationId));
		organizations.save(organization.update(new OrganizationDraft(organization.name(), organization.aliases(),
				organization.officialDomains(), published), clock.instant()));
		return organizations.findById(organizationId).orElseThrow();
	}

	private static PublishedAccount account(ResultSet rs) throws SQLException {
		var archived = rs.getTimestamp("archived_at");
		return new PublishedAccount(rs.getLong("id"), rs.getLong("organization_id"), rs.getString("organization_name"),
				rs.getString("slug"), Platform.valueOf(rs.getString("platform")), rs.getString("handle"),
				rs.getString("url"), rs.getString("display_name"), rs.getString("unit_name"),
				rs.getString("purpose"), rs.getString("language"), AccountStatus.valueOf(rs.getString("status")),
				rs.getTimestamp("created_at").toInstant(), (archived != null) ? archived.toInstant() : null);
	}

}
