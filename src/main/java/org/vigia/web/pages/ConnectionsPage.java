package org.vigia.web.pages;

import java.security.Principal;
import java.util.HashSet;
import java.util.stream.Collectors;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.vigia.common.Visibility;
import org.vigia.connections.Connections;
import org.vigia.platform.PlatformAllowances;
import org.vigia.registry.Registry;
import org.vigia.web.PlatformBudgets;

/**
 * The connections: who granted each, when, what it may do, until when, which registry accounts it covers; a button per
 * configured network to connect one for an organization, and disconnect (editors).
 */
@Controller
class ConnectionsPage {

	private final Connections connections;

	private final Registry registry;

	private final PlatformAllowances allowances;

	private final Visibility visibility;

	ConnectionsPage(Connections connections, Registry registry, PlatformAllowances allowances, Visibility visibility) {
		this.connections = connections;
		this.registry = registry;
		this.allowances = allowances;
		this.visibility = visibility;
	}

	@GetMapping("/connections")
	String list(Model model) {
		var list = connections.list(null);
		var organizationIds = new HashSet<Long>();
		list.forEach(connection -> organizationIds.add(connection.organizationId()));
		var accountIds = list.stream().flatMap(connection -> connection.accountIds().stream()).collect(Collectors.toSet());
		model.addAttribute("section", "connections");
		model.addAttribute("connections", list);
		var networkNames = new java.util.HashMap<Long, String>();
		list.forEach(connection -> {
			var name = connections.networkName(connection);
			if (name != null) {
				networkNames.put(connection.id(), name);
			}
		});
		model.addAttribute("networkNames", networkNames);
		model.addAttribute("organizationNames", registry.organizationNames(organizationIds));
		model.addAttribute("accountHandles", registry.accountHandles(accountIds));
		model.addAttribute("registrations", connections.registrations());
		model.addAttribute("budgets",
				allowances.all().stream().map((allowance) -> PlatformBudgets.view(allowance, registry)).toList());
		// Only the organizations the person may connect for: those they edit.
		var edited = visibility.edited();
		model.addAttribute("organizations", registry.organizations(PageRequest.of(0, 500, Sort.by("name")))
			.getContent()
			.stream()
			.filter((organization) -> edited.all() || edited.ids().contains(organization.id()))
			.toList());
		return "connections";
	}

	@PostMapping("/connections/{id}/disconnect")
	String disconnect(@PathVariable long id, Principal principal) {
		var disconnection = connections.disconnect(id, principal.getName());
		return "redirect:/connections?disconnected=" + id + "&revocation="
				+ disconnection.revocation().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
