package org.vigia.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.common.Audited;
import org.vigia.common.Visibility;
import org.vigia.platform.Message;

/** The registry's public face: organizations, units and accounts, read and changed with every rule enforced. */
@Service
@Transactional(readOnly = true)
public class Registry {

	private final OrganizationRepository organizations;

	private final UnitRepository units;

	private final AccountRepository accounts;

	private final JdbcAggregateTemplate aggregates;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Visibility visibility;

	Registry(OrganizationRepository organizations, UnitRepository units, AccountRepository accounts,
			JdbcAggregateTemplate aggregates, Clock clock, ApplicationEventPublisher events, Visibility visibility) {
		this.visibility = visibility;
		this.organizations = organizations;
		this.units = units;
		this.accounts = accounts;
		this.aggregates = aggregates;
		this.clock = clock;
		this.events = events;
	}

	// Organizations

	/** The organizations the person asking may see. */
	public Page<Organization> organizations(Pageable pageable) {
		var seen = visibility.seen();
		if (seen.all()) {
			return organizations.findAll(pageable);
		}
		var query = Query.query(Criteria.where("id").in(seen.ids()));
		long total = seen.isEmpty() ? 0 : aggregates.count(query, Organization.class);
		var content = seen.isEmpty() ? List.<Organization>of()
				: aggregates.findAll(query.with(pageable), Organization.class);
		return new PageImpl<>(content, pageable, total);
	}

	/** @throws RegistryNotFoundException when there is none, or the person asking may not see it */
	public Organization organization(long id) {
		visibility.requireSeen(id, missing -> new RegistryNotFoundException("organization", missing));
		return organizations.findById(id).orElseThrow(() -> new RegistryNotFoundException("organization", id));
	}

	private void requireEdited(long organizationId, String type, long id) {
		visibility.requireEdited(organizationId, missing -> new RegistryNotFoundException(type, id));
	}

	@Transactional
	public Organization createOrganization(OrganizationDraft draft) {
		visibility.requireEditsAll();
		var checked = check(draft);
		organizations.findByName(checked.name()).ifPresent(existing -> {
			throw organizationExists(existing);
		});
		var saved = organizations.save(Organization.create(checked, clock.instant()));
		// The database gives the slug.
		var created = organization(Objects.requireNonNull(saved.id()));
		events.publishEvent(Audited.change("organization.created", "organization", created.id(), created.id(), null,
				created));
		return created;
	}

	@Transactional
	public Organization updateOrganization(long id, OrganizationDraft draft) {
		var organization = organization(id);
		requireEdited(id, "organization", id);
		var checked = check(draft);
		organizations.findByName(checked.name())
			.filter(other -> !Objects.equals(other.id(), organization.id()))
			.ifPresent(other -> {
				throw organizationExists(other);
			});
		organizations.save(organization.update(checked, clock.instant()));
		var updated = organization(id);
		events.publishEvent(Audited.change("organization.updated", "organization", id, id, organization, updated));
		return updated;
	}

	private static RegistryConflictException organizationExists(Organization existing) {
		return new RegistryConflictException(
				"An organization named '" + existing.name() + "' already exists (organization " + existing.id() + ")",
				"organization", Objects.requireNonNull(existing.id()), "problem.exists.organization", existing.name(),
				String.valueOf(existing.id()));
	}

	private static OrganizationDraft check(OrganizationDraft draft) {
		var violations = new ArrayList<Violation>();
		var name = Inputs.clean(draft.name());
		if (name == null) {
			violations.add(Violation.of("name", "violation.required"));
		}
		else {
			var problem = Inputs.checkText(name, Inputs.MAX_NAME_LENGTH);
			if (problem != null) {
				violations.add(new Violation("name", problem));
			}
		}
		var aliases = new LinkedHashSet<String>();
		for (var raw : draft.aliases()) {
			var alias = Inputs.clean(raw);
			var checked = alias == null ? null : Inputs.checkText(alias, Inputs.MAX_NAME_LENGTH);
			var problem = alias == null ? Message.of("violation.blank") : checked;
			if (problem != null) {
				violations.add(new Violation("aliases", problem));
			}
			else {
				aliases.add(alias);
			}
		}
		var domains = new LinkedHashSet<String>();
		for (var raw : draft.officialDomains()) {
			try {
				domains.add(Inputs.domain(raw == null ? "" : raw));
			}
			catch (InvalidInputException ex) {
				violations.add(new Violation("officialDomains", ex.sentence()));
			}
		}
		if (!violations.isEmpty()) {
			throw new RegistryValidationException(violations);
		}
		return new OrganizationDraft(name, List.copyOf(aliases), List.copyOf(domains), draft.publicDirectory());
	}

	/** The names of these organizations, by id, read in one query. */
	public Map<Long, String> organizationNames(Set<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		aggregates.findAllById(ids, Organization.class).forEach(o -> names.put(o.id(), o.name()));
		return names;
	}

	/** The handles of these accounts, by id, read in one query; an id that no longer exists is left out. */
	public Map<Long, String> accountHandles(Set<Long> ids) {
		Map<Long, String> handles = new HashMap<>();
		aggregates.findAllById(ids, Account.class).forEach(a -> handles.put(a.id(), a.handle()));
		return handles;
	}

	// Units

	/** The units of one organization, or of every organization the person asking may see. */
	public Page<Unit> units(@Nullable Long organizationId, Pageable pageable) {
		if (organizationId != null) {
			organization(organizationId);
			return units.findByOrganizationId(organizationId, pageable);
		}
		var seen = visibility.seen();
		if (seen.all()) {
			return units.findAll(pageable);
		}
		var query = Query.query(Criteria.where("organizationId").in(seen.ids()));
		long total = seen.isEmpty() ? 0 : aggregates.count(query, Unit.class);
		var content = seen.isEmpty() ? List.<Unit>of() : aggregates.findAll(query.with(pageable), Unit.class);
		return new PageImpl<>(content, pageable, total);
	}

	/** @throws RegistryNotFoundException when there is none, or the person asking may not see it */
	public Unit unit(long id) {
		var unit = units.findById(id).orElseThrow(() -> new RegistryNotFoundException("unit", id));
		visibility.requireSeen(unit.organizationId(), missing -> new RegistryNotFoundException("unit", id));
		return unit;
	}

	@Transactional
	public Unit createUnit(UnitDraft draft) {
		var organization = organization(draft.organizationId(), draft.organization(), "organization");
		var name = unitName(draft);
		var emails = emails(draft.contactEmails());
		var organizationId = Objects.requireNonNull(organization.id());
		requireEdited(organizationId, "organization", organizationId);
		units.findByName(organizationId, name).ifPresent(existing -> {
			throw unitExists(existing, organization);
		});
		var created = units.save(Unit.create(organizationId, name, emails,
				Boolean.TRUE.equals(draft.managesManyAccounts()), clock.instant()));
		events.publishEvent(Audited.change("unit.created", "unit", created.id(), organizationId, null, created));
		return created;
	}

	@Transactional
	public Unit updateUnit(long id, UnitDraft draft) {
		var unit = unit(id);
		requireEdited(unit.organizationId(), "unit", id);
		var organization = draft.organizationId() == null && draft.organization() == null
				? organization(unit.organizationId())
				: organization(draft.organizationId(), draft.organization(), "organization");
		var organizationId = Objects.requireNonNull(organization.id());
		if (!organizationId.equals(unit.organizationId())) {
			throw new RegistryValidationException("organization", "violation.unit.move");
		}
		var name = unitName(draft);
		var emails = emails(draft.contactEmails());
		units.findByName(organizationId, name)
			.filter(other -> !Objects.equals(other.id(), unit.id()))
			.ifPresent(other -> {
				throw unitExists(other, organization);
			});
		var manyAccounts = (draft.managesManyAccounts() != null) ? draft.managesManyAccounts()
				: unit.managesManyAccounts();
		var saved = units.save(unit.update(organizationId, name, emails, manyAccounts, clock.instant()));
		events.publishEvent(new UnitChanged(Objects.requireNonNull(saved.id())));
		events.publishEvent(Audited.change("unit.updated", "unit", id, organizationId, unit, saved));
		return saved;
	}

	private static String unitName(UnitDraft draft) {
		var name = Inputs.clean(draft.name());
		if (name == null) {
			throw new RegistryValidationException("name", "violation.required");
		}
		var problem = Inputs.checkText(name, Inputs.MAX_NAME_LENGTH);
		if (problem != null) {
			throw new RegistryValidationException(List.of(new Violation("name", problem)));
		}
		return name;
	}

	private static List<String> emails(List<String> raw) {
		var violations = new ArrayList<Violation>();
		var emails = new LinkedHashSet<String>();
		for (var value : raw) {
			try {
				emails.add(Inputs.email(value == null ? "" : value.strip()));
			}
			catch (InvalidInputException ex) {
				violations.add(new Violation("contactEmails", ex.sentence()));
			}
		}
		if (!violations.isEmpty()) {
			throw new RegistryValidationException(violations);
		}
		return List.copyOf(emails);
	}

	private static RegistryConflictException unitExists(Unit existing, Organization organization) {
		return new RegistryConflictException("A unit named '" + existing.name() + "' already exists in '"
				+ organization.name() + "' (unit " + existing.id() + ")", "unit", Objects.requireNonNull(existing.id()),
				"problem.exists.unit", existing.name(), organization.name(), String.valueOf(existing.id()));
	}

	// Accounts

	public Page<AccountEntry> accounts(AccountFilter filter, Pageable pageable) {
		var criteria = Criteria.empty();
		var seen = visibility.seen();
		if (seen.isEmpty()) {
			return Page.empty(pageable);
		}
		if (!seen.all()) {
			criteria = criteria.and("organizationId").in(seen.ids());
		}
		if (filter.organizationId() != null) {
			criteria = criteria.and("organizationId").is(filter.organizationId());
		}
		if (filter.unitId() != null) {
			criteria = criteria.and("unitId").is(filter.unitId());
		}
		if (filter.platform() != null) {
			criteria = criteria.and("platform").is(filter.platform().name());
		}
		if (filter.status() != null) {
			criteria = criteria.and("status").is(filter.status().name());
		}
		var text = Inputs.clean(filter.text());
		if (text != null) {
			var pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			criteria = criteria.and(Criteria.where("handle")
				.like(pattern)
				.ignoreCase(true)
				.or("url")
				.like(pattern)
				.ignoreCase(true)
				.or("displayName")
				.like(pattern)
				.ignoreCase(true));
		}
		var query = Query.query(criteria);
		long total = aggregates.count(query, Account.class);
		var content = aggregates.findAll(query.with(pageable), Account.class);
		return new PageImpl<>(entries(content), pageable, total);
	}

	public AccountEntry account(long id) {
		return entries(List.of(find(id))).getFirst();
	}

	/**
	 * Registers a new account.
	 * @param organizationId the organization, when the input names none
	 * @param unitId the unit, when the input names none
	 */
	@Transactional
	public AccountEntry register(AccountInput input, @Nullable Long organizationId, @Nullable Long unitId) {
		var checked = checkOrThrow(input, organizationId == null);
		var details = resolve(checked, organizationId, unitId);
		requireEdited(details.organizationId(), "organization", details.organizationId());
		var address = details.address();
		accounts.findByPlatformAndHandle(address.platform(), address.handle()).ifPresent(existing -> {
			throw accountExists(existing);
		});
		var saved = accounts.save(Account.register(details, clock.instant()));
		long id = Objects.requireNonNull(saved.id());
		events.publishEvent(new AccountsChanged(List.of(id)));
		events.publishEvent(Audited.change("account.created", "account", id, saved.organizationId(), null, saved));
		return account(id);
	}

	/** Replaces what the registry says about an account; {@code status} ACTIVE restores an archived one. */
	@Transactional
	public AccountEntry update(long id, AccountInput input, @Nullable Long organizationId, @Nullable Long unitId,
			@Nullable AccountStatus status) {
		var account = find(id);
		requireEdited(account.organizationId(), "account", id);
		var checked = checkOrThrow(input, organizationId == null);
		var details = resolve(checked, organizationId, unitId);
		requireEdited(details.organizationId(), "organization", details.organizationId());
		var address = details.address();
		if (address.platform() != account.platform()) {
			throw new RegistryValidationException(AccountField.PLATFORM.property(), "violation.account.platform",
					account.platform().label());
		}
		accounts.findByPlatformAndHandle(address.platform(), address.handle())
			.filter(other -> !Objects.equals(other.id(), account.id()))
			.ifPresent(other -> {
				throw accountExists(other);
			});
		var now = clock.instant();
		var updated = account.update(details, now);
		if (status == AccountStatus.ARCHIVED) {
			updated = updated.archive(now);
		}
		else if (status == AccountStatus.ACTIVE) {
			updated = updated.restore(now);
		}
		var saved = accounts.save(updated);
		events.publishEvent(new AccountsChanged(List.of(id)));
		events.publishEvent(Audited.change("account.updated", "account", id, saved.organizationId(), account, saved));
		return account(id);
	}

	/** Archives an account: it is no longer watched, and its history stays. */
	@Transactional
	public AccountEntry archive(long id) {
		var before = find(id);
		requireEdited(before.organizationId(), "account", id);
		var saved = accounts.save(before.archive(clock.instant()));
		events.publishEvent(new AccountsChanged(List.of(id)));
		events.publishEvent(Audited.change("account.archived", "account", id, saved.organizationId(), before, saved));
		return account(id);
	}

	private Account find(long id) {
		var account = accounts.findById(id).orElseThrow(() -> new RegistryNotFoundException("account", id));
		visibility.requireSeen(account.organizationId(), missing -> new RegistryNotFoundException("account", id));
		return account;
	}

	private RegistryConflictException accountExists(Account existing) {
		if (!visibility.seen().contains(existing.organizationId())) {
			// Registered by an organization the person may not see: that it exists is all they learn.
			return new RegistryConflictException("The " + existing.platform().id() + " account " + existing.handle()
					+ " is already registered by another organization", "account", 0L,
					"problem.exists.account.elsewhere", existing.platform().label(), existing.handle());
		}
		var entry = entries(List.of(existing)).getFirst();
		var owner = entry.unit() == null ? entry.organization() : entry.organization() + " / " + entry.unit();
		var archived = existing.isActive() ? "" : ", archived: update it with status ACTIVE to restore it";
		return new RegistryConflictException("The " + existing.platform().id() + " account " + existing.handle()
				+ " is already registered as account " + existing.id() + " (" + owner + archived + ")", "account",
				Objects.requireNonNull(existing.id()),
				existing.isActive() ? "problem.exists.account" : "problem.exists.account.archived",
				existing.platform().label(), existing.handle(), String.valueOf(existing.id()), owner);
	}

	private static AccountInputs.Checked checkOrThrow(AccountInput input, boolean organizationRequired) {
		var outcome = AccountInputs.check(input, organizationRequired);
		if (outcome.account() == null) {
			throw new RegistryValidationException(outcome.problems()
				.stream()
				.map(problem -> new Violation(problem.field().property(), problem.message()))
				.toList());
		}
		return outcome.account();
	}

	private AccountDetails resolve(AccountInputs.Checked checked, @Nullable Long organizationId,
			@Nullable Long unitId) {
		var organization = organization(organizationId, checked.organization(), AccountField.ORGANIZATION.property());
		var orgId = Objects.requireNonNull(organization.id());
		Long resolvedUnitId = null;
		if (unitId != null) {
			var unit = units.findById(unitId)
				.orElseThrow(() -> new RegistryValidationException("unitId", "violation.unit.none", String.valueOf(unitId)));
			if (!unit.organizationId().equals(orgId)) {
				throw new RegistryValidationException("unitId", "violation.unit.otherOrganization",
						String.valueOf(unitId), organization.name());
			}
			if (checked.unit() != null && !unit.name().equalsIgnoreCase(checked.unit())) {
				throw new RegistryValidationException("unit", "violation.unit.name", checked.unit(),
						String.valueOf(unitId), unit.name());
			}
			resolvedUnitId = unitId;
		}
		else if (checked.unit() != null) {
			resolvedUnitId = units.findByName(orgId, checked.unit())
				.map(Unit::id)
				.orElseThrow(() -> new RegistryValidationException(AccountField.UNIT.property(),
						"violation.unit.unknown", checked.unit(), organization.name()));
		}
		return checked.details(orgId, resolvedUnitId);
	}

	private Organization organization(@Nullable Long id, @Nullable String name, String field) {
		if (id != null) {
			var organization = organizations.findById(id)
				.filter(found -> visibility.seen().contains(id))
				.orElseThrow(() -> new RegistryValidationException(field + "Id", "violation.organization.none",
						String.valueOf(id)));
			if (name != null && !organization.name().equalsIgnoreCase(name.strip())) {
				throw new RegistryValidationException(field, "violation.organization.name", name, String.valueOf(id),
						organization.name());
			}
			return organization;
		}
		var cleaned = Inputs.clean(name);
		if (cleaned == null) {
			throw new RegistryValidationException(field, "violation.organization.required", field + "Id");
		}
		return organizations.findByName(cleaned)
			.filter(found -> visibility.seen().contains(Objects.requireNonNull(found.id())))
			.orElseThrow(() -> new RegistryValidationException(field, "violation.organization.unknown", cleaned));
	}

	private List<AccountEntry> entries(List<Account> content) {
		Set<Long> organizationIds = new LinkedHashSet<>();
		Set<Long> unitIds = new LinkedHashSet<>();
		for (var account : content) {
			organizationIds.add(account.organizationId());
			if (account.unitId() != null) {
				unitIds.add(account.unitId());
			}
		}
		var organizationNames = organizationNames(organizationIds);
		Map<Long, String> unitNames = new HashMap<>();
		units.findAllById(unitIds).forEach(u -> unitNames.put(u.id(), u.name()));
		return content.stream()
			.map(account -> new AccountEntry(account, organizationNames.getOrDefault(account.organizationId(), "?"),
					account.unitId() == null ? null : unitNames.get(account.unitId())))
			.toList();
	}

}
