package org.vigia.web.pages;

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
import org.vigia.people.Grant;
import org.vigia.people.InvalidPersonException;
import org.vigia.people.People;
import org.vigia.people.Role;
import org.vigia.registry.Registry;

/**
 * The people who use Vigía, for administrators: create one, disable or enable it, give it a new password, change its
 * role (on all organizations or one).
 */
@Controller
class UsersPage {

	private final People people;

	private final Registry registry;

	UsersPage(People people, Registry registry) {
		this.people = people;
		this.registry = registry;
	}

	@GetMapping("/admin/users")
	String list(Model model) {
		model.addAttribute("section", "users");
		model.addAttribute("people", people.list());
		model.addAttribute("roles", Role.values());
		var organizations = registry.organizations(PageRequest.of(0, 500, Sort.by("name"))).getContent();
		model.addAttribute("organizations", organizations);
		return "users";
	}

	@PostMapping("/admin/users")
	String create(@RequestParam String username, @RequestParam(required = false) @Nullable String displayName,
			@RequestParam(required = false) @Nullable String email,
			@RequestParam(required = false) @Nullable String password,
			@RequestParam(defaultValue = "false") boolean service, @RequestParam Role role,
			@RequestParam(required = false) @Nullable Long organizationId, RedirectAttributes redirect) {
		try {
			var person = people.create(new People.NewPerson(username, displayName, email, password, service,
					List.of(grant(role, organizationId))));
			return "redirect:/admin/users?created=" + person.id();
		}
		catch (InvalidPersonException ex) {
			redirect.addFlashAttribute("error", ex.key());
			return "redirect:/admin/users";
		}
	}

	@PostMapping("/admin/users/{id}/enabled")
	String enabled(@PathVariable long id, @RequestParam boolean enabled) {
		people.update(id, new People.Changes(null, null, enabled, null));
		return "redirect:/admin/users?changed=" + id;
	}

	@PostMapping("/admin/users/{id}/role")
	String role(@PathVariable long id, @RequestParam Role role,
			@RequestParam(required = false) @Nullable Long organizationId, RedirectAttributes redirect) {
		try {
			people.update(id, new People.Changes(null, null, null, List.of(grant(role, organizationId))));
			return "redirect:/admin/users?changed=" + id;
		}
		catch (InvalidPersonException ex) {
			redirect.addFlashAttribute("error", ex.key());
			return "redirect:/admin/users";
		}
	}

	@PostMapping("/admin/users/{id}/password")
	String password(@PathVariable long id, @RequestParam String password, RedirectAttributes redirect) {
		try {
			people.resetPassword(id, password);
			return "redirect:/admin/users?changed=" + id;
		}
		catch (InvalidPersonException ex) {
			redirect.addFlashAttribute("error", ex.key());
			return "redirect:/admin/users";
		}
	}

	private static Grant grant(Role role, @Nullable Long organizationId) {
		return new Grant(role, role == Role.ADMIN ? null : organizationId);
	}

}
