package org.vigia.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.registry.Registry;
import org.vigia.registry.Unit;
import org.vigia.registry.UnitDraft;

@RestController
@RequestMapping("/api/units")
class UnitController {

	/**
	 * A unit with its organization's name.
	 * @param managesManyAccounts whether it runs many accounts on one network by design (then no DUPLICATE finding)
	 */
	record UnitView(long id, String organization, long organizationId, String name, List<String> contactEmails,
			boolean managesManyAccounts, Instant createdAt, Instant updatedAt) {
	}

	private final Registry registry;

	UnitController(Registry registry) {
		this.registry = registry;
	}

	@GetMapping
	PagedModel<UnitView> list(@RequestParam(required = false) @Nullable Long organizationId,
			@PageableDefault(size = 50, sort = "id") Pageable pageable) {
		Page<Unit> units = registry.units(organizationId, pageable);
		var names = registry.organizationNames(units.map(Unit::organizationId).toSet());
		return new PagedModel<>(units.map(unit -> view(unit, names)));
	}

	@GetMapping("/{id}")
	UnitView get(@PathVariable long id) {
		return view(registry.unit(id));
	}

	@PostMapping
	ResponseEntity<UnitView> create(@RequestBody UnitDraft draft) {
		var unit = view(registry.createUnit(draft));
		return ResponseEntity.created(URI.create("/api/units/" + unit.id())).body(unit);
	}

	@PutMapping("/{id}")
	UnitView update(@PathVariable long id, @RequestBody UnitDraft draft) {
		return view(registry.updateUnit(id, draft));
	}

	private UnitView view(Unit unit) {
		return view(unit, registry.organizationNames(java.util.Set.of(unit.organizationId())));
	}

	private static UnitView view(Unit unit, Map<Long, String> organizationNames) {
		return new UnitView(unit.id(), organizationNames.getOrDefault(unit.organizationId(), "?"),
				unit.organizationId(), unit.name(), unit.contactEmails(), unit.managesManyAccounts(), unit.createdAt(),
				unit.updatedAt());
	}

}
