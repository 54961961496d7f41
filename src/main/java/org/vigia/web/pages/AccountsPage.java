package org.vigia.web.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.vigia.overview.AccountDirectory;
import org.vigia.platform.Platform;
import org.vigia.registry.Registry;

/** The accounts: filtered, sorted and paged in the database, so the page stays instant at 10,000 accounts. */
@Controller
class AccountsPage {

	static final int PAGE_SIZE = 50;

	private final AccountDirectory directory;

	private final Registry registry;

	AccountsPage(AccountDirectory directory, Registry registry) {
		this.directory = directory;
		this.registry = registry;
	}

	@GetMapping("/accounts")
	String accounts(@RequestParam(required = false) @Nullable Long organizationId,
			@RequestParam(required = false) @Nullable Long unitId,
			@RequestParam(required = false) @Nullable String platform,
			@RequestParam(required = false) @Nullable String state, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String sort, @RequestParam(defaultValue = "0") int page,
			Model model) {
		var query = new AccountDirectory.Query(organizationId, unitId,
				Platform.fromId(platform).orElse(null), known(state), (q != null && !q.isBlank()) ? q.strip() : null,
				(sort != null && AccountDirectory.Query.SORTS.contains(sort)) ? sort : "silence");
		var result = directory.list(query, PageRequest.of(Math.max(0, page), PAGE_SIZE));
		model.addAttribute("section", "accounts");
		model.addAttribute("query", query);
		model.addAttribute("page", result);
		model.addAttribute("organizations", organizations());
		model.addAttribute("platforms", Platform.values());
		model.addAttribute("platformLabels", java.util.Arrays.stream(Platform.values())
			.collect(java.util.stream.Collectors.toMap(Platform::id, Platform::label)));
		model.addAttribute("states", AccountDirectory.STATES);
		model.addAttribute("sorts", List.of("silence", "handle", "organization"));
		var current = ServletUriComponentsBuilder.fromCurrentRequest();
		model.addAttribute("previousUrl",
				current.cloneBuilder().replaceQueryParam("page", result.getNumber() - 1).build().toUriString());
		model.addAttribute("nextUrl",
				current.cloneBuilder().replaceQueryParam("page", result.getNumber() + 1).build().toUriString());
		return "accounts";
	}

	private Map<Long, String> organizations() {
		var names = new LinkedHashMap<Long, String>();
		registry.organizations(PageRequest.of(0, 500, Sort.by("name")))
			.forEach(organization -> names.put(organization.id(), organization.name()));
		return names;
	}

	private static @Nullable String known(@Nullable String state) {
		if (state == null) {
			return null;
		}
		var upper = state.strip().toUpperCase(Locale.ROOT);
		return AccountDirectory.STATES.contains(upper) ? upper : null;
	}

}
