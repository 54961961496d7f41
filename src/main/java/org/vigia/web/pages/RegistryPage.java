package org.vigia.web.pages;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.vigia.platform.Platform;
import org.vigia.platform.Message;
import org.vigia.registry.AccountInput;
import org.vigia.registry.ImportRejectedException;
import org.vigia.registry.ImportReport;
import org.vigia.registry.OrganizationDraft;
import org.vigia.registry.Registry;
import org.vigia.registry.RegistryConflictException;
import org.vigia.registry.RegistryCsv;
import org.vigia.registry.RegistryNotFoundException;
import org.vigia.registry.RegistryValidationException;
import org.vigia.registry.Unit;
import org.vigia.registry.UnitDraft;
import org.vigia.registry.Violation;

/**
 * The registry: its organizations and units, a CSV import checked by a dry run first, the export, and accounts,
 * organizations and units added by hand (editors only, as on the API; the forms use the registry's own validation).
 */
@Controller
class RegistryPage {

	static final int PAGE_SIZE = 20;

	/** What an import did or would do, kept in the session for one redirect, so it must be serializable. */
	record ImportResult(boolean dryRun, String fileName, int created, int updated, int unchanged,
			int organizationsCreated, int unitsCreated, ArrayList<ImportErrorRow> errors) implements Serializable {

		static ImportResult of(String fileName, ImportReport report) {
			var errors = new ArrayList<ImportErrorRow>();
			report.errors().forEach(e -> errors.add(new ImportErrorRow(e.line(), e.column(), e.sentence().encode())));
			return new ImportResult(report.dryRun(), fileName, report.created(), report.updated(), report.unchanged(),
					report.organizationsCreated(), report.unitsCreated(), errors);
		}

		public boolean rejected() {
			return !errors.isEmpty();
		}

	}

	/**
	 * One error of the file; its message is kept encoded ({@link org.vigia.platform.Message#encode()}) and written in the
	 * reader's language when the page shows it.
	 */
	record ImportErrorRow(int line, @Nullable String column, String message) implements Serializable {
	}

	/** One organization on the page, with its units. */
	record OrganizationRow(long id, String name, List<Unit> units, boolean moreUnits) {
	}

	static final int UNITS_SHOWN = 200;

	private final Registry registry;

	private final RegistryCsv csv;

	RegistryPage(Registry registry, RegistryCsv csv) {
		this.registry = registry;
		this.csv = csv;
	}

	@GetMapping("/registry")
	String registry(@RequestParam(defaultValue = "0") int page, Model model) {
		var organizations = registry.organizations(PageRequest.of(Math.max(0, page), PAGE_SIZE, Sort.by("name")));
		var rows = organizations.map(organization -> {
			var units = registry.units(organization.id(), PageRequest.of(0, UNITS_SHOWN, Sort.by("name")));
			return new OrganizationRow(organization.id(), organization.name(), units.getContent(), units.hasNext());
		});
		model.addAttribute("section", "registry");
		model.addAttribute("page", rows);
		model.addAttribute("organizationChoices", organizationChoices());
		model.addAttribute("maxImportSize", size(csv.maxImportBytes()));
		model.addAttribute("columns", RegistryCsv.COLUMNS);
		model.addAttribute("unitsShown", UNITS_SHOWN);
		model.addAttribute("platforms", Platform.values());
		if (!model.containsAttribute("accountForm")) {
			model.addAttribute("accountForm", FormState.empty());
		}
		if (!model.containsAttribute("organizationForm")) {
			model.addAttribute("organizationForm", FormState.empty());
		}
		var current = ServletUriComponentsBuilder.fromCurrentRequest();
		model.addAttribute("previousUrl",
				current.cloneBuilder().replaceQueryParam("page", rows.getNumber() - 1).build().toUriString());
		model.addAttribute("nextUrl",
				current.cloneBuilder().replaceQueryParam("page", rows.getNumber() + 1).build().toUriString());
		return "registry";
	}

	/** Checks (dry run) or imports a registry CSV, the same file either way, with the API's size limit. */
	@PostMapping("/registry/import")
	String importCsv(@RequestParam(required = false) @Nullable MultipartFile file,
			@RequestParam(defaultValue = "true") boolean dryRun, RedirectAttributes redirect) throws IOException {
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("importProblem", "registry.import.noFile");
			return "redirect:/registry#import";
		}
		long max = csv.maxImportBytes();
		if (file.getSize() > max) {
			redirect.addFlashAttribute("importProblem", "registry.import.tooLargeUpload");
			return "redirect:/registry#import";
		}
		var name = (file.getOriginalFilename() != null) ? file.getOriginalFilename() : "";
		ImportReport report;
		try {
			report = csv.importCsv(file.getBytes(), dryRun);
		}
		catch (ImportRejectedException ex) {
			report = ex.report();
		}
		redirect.addFlashAttribute("result", ImportResult.of(name, report));
		return "redirect:/registry#import";
	}

	/** Adds a unit to an organization, with the addresses to write to about its accounts. */
	@PostMapping("/registry/units")
	String addUnit(@RequestParam(required = false) @Nullable Long organizationId,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String contactEmails, RedirectAttributes redirect) {
		if (organizationId == null) {
			redirect.addFlashAttribute("unitError", "organization: is required");
			return "redirect:/registry#add-unit";
		}
		var emails = (contactEmails == null) ? List.<String>of()
				: Arrays.stream(contactEmails.split("[,;\\s]+")).map(String::strip).filter(e -> !e.isEmpty()).toList();
		try {
			var unit = registry.createUnit(new UnitDraft(organizationId, null, name, emails, null));
			redirect.addFlashAttribute("unitAdded", unit.name());
		}
		catch (RegistryValidationException | RegistryConflictException | RegistryNotFoundException ex) {
			redirect.addFlashAttribute("unitError", ex.getMessage());
		}
		return "redirect:/registry#add-unit";
	}

	/**
	 * Registers an account by hand; the handle or URL goes through the platform's parser, so a bad one is refused with
	 * the parser's message and the form comes back with what was typed.
	 */
	@PostMapping("/registry/accounts")
	String addAccount(@RequestParam(required = false) @Nullable String organizationId,
			@RequestParam(required = false) @Nullable String unit,
			@RequestParam(required = false) @Nullable String platform,
			@RequestParam(required = false) @Nullable String handle,
			@RequestParam(required = false) @Nullable String displayName,
			@RequestParam(required = false) @Nullable String contactEmail,
			@RequestParam(required = false) @Nullable String purpose,
			@RequestParam(required = false) @Nullable String notes, RedirectAttributes redirect) {
		var sent = new LinkedHashMap<String, @Nullable String>();
		sent.put("organizationId", organizationId);
		sent.put("unit", unit);
		sent.put("platform", platform);
		sent.put("handle", handle);
		sent.put("displayName", displayName);
		sent.put("contactEmail", contactEmail);
		sent.put("purpose", purpose);
		sent.put("notes", notes);
		var form = FormState.of(sent);
		Long organization = null;
		if (organizationId == null || organizationId.isBlank()) {
			form.rejected(List.of(Violation.of("organizationId", "violation.required")), f -> f);
		}
		else {
			try {
				organization = Long.valueOf(organizationId.strip());
			}
			catch (NumberFormatException ex) {
				form.rejected(List.of(Violation.of("organizationId", "violation.organization.notListed")), f -> f);
			}
		}
		if (organization != null) {
			// One box takes a handle or a URL, as a person copies either from the browser.
			var looksLikeUrl = handle != null && handle.strip().matches("(?i)https?://.*");
			var input = new AccountInput(null, blankToNull(unit), platform, looksLikeUrl ? null : handle,
					looksLikeUrl ? handle.strip() : null, displayName, contactEmail, purpose, null, null, notes);
			try {
				var entry = registry.register(input, organization, null);
				redirect.addFlashAttribute("accountAdded", true);
				return "redirect:/accounts/" + entry.account().id();
			}
			catch (RegistryValidationException ex) {
				form.rejected(ex.violations(), RegistryPage::accountField);
			}
			catch (RegistryConflictException ex) {
				form.rejected(ex.getMessage());
			}
		}
		redirect.addFlashAttribute("accountForm", form);
		return "redirect:/registry#add-account";
	}

	/** The form field where a person typed what an account violation names. */
	private static String accountField(String field) {
		return switch (field) {
			case "organization" -> "organizationId";
			case "url" -> "handle";
			case "unitId" -> "unit";
			default -> field;
		};
	}

	/** Creates an organization: its name, the other names it goes by, and the web domains that are officially its. */
	@PostMapping("/registry/organizations")
	String addOrganization(@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String aliases,
			@RequestParam(required = false) @Nullable String officialDomains, RedirectAttributes redirect) {
		var sent = new LinkedHashMap<String, @Nullable String>();
		sent.put("name", name);
		sent.put("aliases", aliases);
		sent.put("officialDomains", officialDomains);
		var form = FormState.of(sent);
		try {
			var organization = registry.createOrganization(organizationDraft(name, aliases, officialDomains));
			redirect.addFlashAttribute("organizationSaved", organization.name());
			return "redirect:/registry/organizations/" + organization.id();
		}
		catch (RegistryValidationException ex) {
			form.rejected(ex.violations(), f -> f);
		}
		catch (RegistryConflictException ex) {
			form.rejected(List.of(new Violation("name", Message.of(String.valueOf(ex.code()), ex.arguments()))), f -> f);
		}
		redirect.addFlashAttribute("organizationForm", form);
		return "redirect:/registry#add-organization";
	}

	static OrganizationDraft organizationDraft(@Nullable String name, @Nullable String aliases,
			@Nullable String officialDomains) {
		return new OrganizationDraft((name == null) ? "" : name, FormState.items(aliases, false),
				FormState.items(officialDomains, false));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** A size as people read it: 10 MB, 64 KB, 500 bytes. */
	static String size(long bytes) {
		var size = DataSize.ofBytes(bytes);
		if (bytes >= DataSize.ofMegabytes(1).toBytes() && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + " MB";
		}
		if (bytes >= DataSize.ofKilobytes(1).toBytes() && bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
			return size.toKilobytes() + " KB";
		}
		return bytes + " bytes";
	}

	private Map<Long, String> organizationChoices() {
		var names = new LinkedHashMap<Long, String>();
		registry.organizations(PageRequest.of(0, 500, Sort.by("name")))
			.forEach(organization -> names.put(organization.id(), organization.name()));
		return names;
	}

}
