package org.vigia.web.pages;

import java.util.LinkedHashMap;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vigia.platform.Message;
import org.vigia.registry.OrganizationDraft;
import org.vigia.registry.Registry;
import org.vigia.registry.RegistryConflictException;
import org.vigia.registry.RegistryValidationException;
import org.vigia.registry.UnitDraft;
import org.vigia.registry.Violation;

/**
 * One organization and one unit of the registry, each with the form that edits it: the names, aliases and official
 * domains look-alike scoring relies on, the addresses findings about a unit's accounts go to, and whether the unit runs
 * many accounts by design.
 */
@Controller
class OrganizationPage {

	private final Registry registry;

	OrganizationPage(Registry registry) {
		this.registry = registry;
	}

	@GetMapping("/registry/organizations/{id}")
	String organization(@PathVariable long id, Model model) {
		var organization = registry.organization(id);
		model.addAttribute("section", "registry");
		model.addAttribute("organization", organization);
		if (!model.containsAttribute("organizationForm")) {
			var values = new LinkedHashMap<String, @Nullable String>();
			values.put("name", organization.name());
			values.put("aliases", String.join("\n", organization.aliases()));
			values.put("officialDomains", String.join("\n", organization.officialDomains()));
			values.put("publicDirectory", String.valueOf(organization.publicDirectory()));
			model.addAttribute("organizationForm", FormState.of(values));
		}
		var units = registry.units(id, PageRequest.of(0, RegistryPage.UNITS_SHOWN, Sort.by("name")));
		model.addAttribute("units", units.getContent());
		model.addAttribute("moreUnits", units.hasNext());
		model.addAttribute("unitsShown", RegistryPage.UNITS_SHOWN);
		return "organization";
	}

	@PostMapping("/registry/organizations/{id}")
	String updateOrganization(@PathVariable long id, @RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String aliases,
			@RequestParam(required = false) @Nullable String officialDomains,
			@RequestParam(defaultValue = "false") boolean publicDirectory, RedirectAttributes redirect) {
		registry.organization(id);
		var sent = new LinkedHashMap<String, @Nullable String>();
		sent.put("name", name);
		sent.put("aliases", aliases);
		sent.put("officialDomains", officialDomains);
		sent.put("publicDirectory", String.valueOf(publicDirectory));
		var form = FormState.of(sent);
		try {
			var draft = RegistryPage.organizationDraft(name, aliases, officialDomains);
			var organization = registry.updateOrganization(id, new OrganizationDraft(draft.name(), draft.aliases(),
					draft.officialDomains(), publicDirectory));
			redirect.addFlashAttribute("organizationSaved", organization.name());
		}
		catch (RegistryValidationException ex) {
			redirect.addFlashAttribute("organizationForm", form.rejected(ex.violations(), f -> f));
		}
		catch (RegistryConflictException ex) {
			redirect.addFlashAttribute("organizationForm",
					form.rejected(List.of(new Violation("name", Message.of(String.valueOf(ex.code()), ex.arguments()))), f -> f));
		}
		return "redirect:/registry/organizations/" + id;
	}

	@GetMapping("/registry/units/{id}")
	String unit(@PathVariable long id, Model model) {
		var unit = registry.unit(id);
		model.addAttribute("section", "registry");
		model.addAttribute("unit", unit);
		model.addAttribute("organization", registry.organization(unit.organizationId()));
		if (!model.containsAttribute("unitForm")) {
			var values = new LinkedHashMap<String, @Nullable String>();
			values.put("name", unit.name());
			values.put("contactEmails", String.join("\n", unit.contactEmails()));
			values.put("managesManyAccounts", String.valueOf(unit.managesManyAccounts()));
			model.addAttribute("unitForm", FormState.of(values));
		}
		return "unit";
	}

	/** @param managesManyAccounts the checkbox: sent when ticked, absent when not */
	@PostMapping("/registry/units/{id}")
	String updateUnit(@PathVariable long id, @RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String contactEmails,
			@RequestParam(defaultValue = "false") boolean managesManyAccounts, RedirectAttributes redirect) {
		var unit = registry.unit(id);
		var sent = new LinkedHashMap<String, @Nullable String>();
		sent.put("name", name);
		sent.put("contactEmails", contactEmails);
		sent.put("managesManyAccounts", String.valueOf(managesManyAccounts));
		var form = FormState.of(sent);
		try {
			var saved = registry.updateUnit(id, new UnitDraft(unit.organizationId(), null, name,
					FormState.items(contactEmails, true), managesManyAccounts));
			redirect.addFlashAttribute("unitSaved", saved.name());
		}
		catch (RegistryValidationException ex) {
			redirect.addFlashAttribute("unitForm", form.rejected(ex.violations(), f -> f));
		}
		catch (RegistryConflictException ex) {
			redirect.addFlashAttribute("unitForm", form.rejected(List.of(new Violation("name", Message.of(String.valueOf(ex.code()), ex.arguments()))), f -> f));
		}
		return "redirect:/registry/units/" + id;
	}

}
