package org.vigia.web.pages;

import java.security.Principal;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vigia.people.InvalidPersonException;
import org.vigia.people.People;

/** One's own profile: who one is, the language of the dashboard, one's password, and (later) one's API tokens. */
@Controller
class ProfilePage {

	private final People people;

	private final LocaleResolver locales;

	ProfilePage(People people, LocaleResolver locales) {
		this.people = people;
		this.locales = locales;
	}

	@GetMapping("/profile")
	String profile(Principal principal, Model model) {
		model.addAttribute("section", "profile");
		model.addAttribute("person", people.find(principal.getName()).orElse(null));
		return "profile";
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
