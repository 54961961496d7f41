package org.vigia.web.pages;

import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vigia.people.ApiTokens;
import org.vigia.people.InvalidPersonException;
import org.vigia.people.People;

/** One's own profile: who one is, the language of the dashboard, one's password, and one's API tokens. */
@Controller
class ProfilePage {

	private final People people;

	private final LocaleResolver locales;

	private final ApiTokens tokens;

	ProfilePage(People people, LocaleResolver locales, ApiTokens tokens) {
		this.people = people;
		this.locales = locales;
		this.tokens = tokens;
	}

	@GetMapping("/profile")
	String profile(Principal principal, Model model) {
		model.addAttribute("section", "profile");
		var person = people.find(principal.getName()).orElse(null);
		model.addAttribute("person", person);
		model.addAttribute("tokens", person == null ? List.of() : tokens.list(person.id()));
		return "profile";
	}

	/** Creates a token; its secret is shown once, on the page this redirects to. */
	@PostMapping("/profile/tokens")
	String createToken(@RequestParam String name, @RequestParam(required = false) @Nullable List<String> scopes,
			@RequestParam(required = false) @Nullable LocalDate expires, Principal principal,
			RedirectAttributes redirect) {
		var person = people.find(principal.getName()).orElseThrow();
		try {
			var created = tokens.create(person.id(), name, scopes == null ? Set.of() : Set.copyOf(scopes),
					expires == null ? null : expires.atStartOfDay(ZoneOffset.UTC).toInstant(), principal.getName());
			redirect.addFlashAttribute("secret", created.secret());
			redirect.addFlashAttribute("secretName", created.token().name());
			return "redirect:/profile#tokens";
		}
		catch (InvalidPersonException ex) {
			redirect.addFlashAttribute("error", ex.key());
			return "redirect:/profile#tokens";
		}
	}

	@PostMapping("/profile/tokens/{id}/revoke")
	String revokeToken(@PathVariable long id, Principal principal) {
		tokens.revoke(people.find(principal.getName()).orElseThrow().id(), id);
		return "redirect:/profile?revoked#tokens";
	}

	@PostMapping("/profile/language")
	String language(@RequestParam String language, Principal principal, HttpServletRequest request,
			HttpServletResponse response) {
		people.setLanguage(principal.getName(), language);
		locales.setLocale(request, response, Locale.forLanguageTag(language));
		return "redirect:/profile?saved";
	}

	@PostMapping("/profile/password")
	String password(@RequestParam String current, @RequestParam String password,
			@RequestParam(required = false) @Nullable String repeated, Principal principal,
			RedirectAttributes redirect) {
		if (repeated != null && !repeated.equals(password)) {
			redirect.addFlashAttribute("error", "profile.password.mismatch");
			return "redirect:/profile";
		}
		try {
			people.changeOwnPassword(principal.getName(), current, password);
			return "redirect:/profile?passwordChanged";
		}
		catch (InvalidPersonException ex) {
			redirect.addFlashAttribute("error", ex.key());
			return "redirect:/profile";
		}
	}

}
