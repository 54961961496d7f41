package org.vigia.web;

import java.net.URI;

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
import org.springframework.web.bind.annotation.RestController;
import org.vigia.registry.Organization;
import org.vigia.registry.OrganizationDraft;
import org.vigia.registry.Registry;

@RestController
@RequestMapping("/api/organizations")
class OrganizationController {

	private final Registry registry;

	OrganizationController(Registry registry) {
		this.registry = registry;
	}

	@GetMapping
	PagedModel<Organization> list(@PageableDefault(size = 50, sort = "id") Pageable pageable) {
		return new PagedModel<>(registry.organizations(pageable));
	}

	@GetMapping("/{id}")
	Organization get(@PathVariable long id) {
		return registry.organization(id);
	}

	@PostMapping
	ResponseEntity<Organization> create(@RequestBody OrganizationDraft draft) {
		var organization = registry.createOrganization(draft);
		return ResponseEntity.created(URI.create("/api/organizations/" + organization.id())).body(organization);
	}

	@PutMapping("/{id}")
	Organization update(@PathVariable long id, @RequestBody OrganizationDraft draft) {
		return registry.updateOrganization(id, draft);
	}

}
