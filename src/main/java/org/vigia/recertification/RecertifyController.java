package org.vigia.recertification;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The answer page a campaign mail links to: the person's accounts in the round and the questions, in their language
 * (unless they pick another); nothing else of the registry.
 */
@Controller
class RecertifyController {

	private final Answers answers;

	private final LocaleResolver locales;

	RecertifyController(Answers answers, LocaleResolver locales) {
		this.answers = answers;
		this.locales = locales;
	}

	@GetMapping("/recertify/{token}")
	String page(@PathVariable String token, @RequestParam(required = false) @Nullable String lang,
			@RequestParam(required = false) @Nullable Long answered, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		var page = answers.page(token, request.getRemoteAddr());
		if (lang == null && !hasLanguageCookie(request)) {
			locales.setLocale(request, response, page.locale());
		}
		model.addAttribute("page", page);
		model.addAttribute("token", token);
		model.addAttribute("answered", answered);
		response.setHeader("Cache-Control", "no-store");
		return "recertify/answer";
	}

	@PostMapping("/recertify/{token}/accounts/{accountId}")
	String answer(@PathVariable String token, @PathVariable long accountId,
			@RequestParam(required = false) @Nullable String stillOfficial,
			@RequestParam(required = false) @Nullable String administrators,
			@RequestParam(required = false) @Nullable String twoFactor,
			@RequestParam(required = false) @Nullable String institutionalRecovery,
			@RequestParam(required = false) @Nullable String lastPost, HttpServletRequest request) {
		var answer = new Attestation.Answer(choice(Attestation.StillOfficial.class, stillOfficial, "stillOfficial"),
				administrators, choice(Attestation.Choice.class, twoFactor, "twoFactor"),
				choice(Attestation.Choice.class, institutionalRecovery, "institutionalRecovery"), date(lastPost));
		answers.answer(token, accountId, answer, request.getRemoteAddr());
		return "redirect:/recertify/" + token + "?answered=" + accountId + "#account-" + accountId;
	}

	private static <E extends Enum<E>> @Nullable E choice(Class<E> type, @Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidAnswerException(field + ": '" + value + "' is not one of the choices");
		}
	}

	private static @Nullable LocalDate date(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidAnswerException("problem.recertification.lastPostDate", value);
		}
	}

	private static boolean hasLanguageCookie(HttpServletRequest request) {
		var cookies = request.getCookies();
		if (cookies == null) {
			return false;
		}
		for (var cookie : cookies) {
			if (cookie.getName().equals("vigia-lang")) {
				return true;
			}
		}
		return false;
	}

	@ExceptionHandler(Answers.RefusedLinkException.class)
	String refused(Answers.RefusedLinkException ex, Model model, HttpServletResponse response) {
		response.setStatus(switch (ex.refusal()) {
			case UNKNOWN -> HttpStatus.NOT_FOUND.value();
			case EXPIRED, SUPERSEDED -> HttpStatus.GONE.value();
		});
		model.addAttribute("refusal", ex.refusal().name());
		return "recertify/refused";
	}

	@ExceptionHandler(Answers.TooManyVisitsException.class)
	String tooMany(Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader("Retry-After", "3600");
		model.addAttribute("refusal", "TOO_MANY");
		return "recertify/refused";
	}

	@ExceptionHandler(AlreadyAnsweredException.class)
	String already(Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.CONFLICT.value());
		model.addAttribute("refusal", "ANSWERED");
		return "recertify/refused";
	}

	@ExceptionHandler({ InvalidAnswerException.class, RecertificationNotFoundException.class })
	String invalid(RuntimeException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex instanceof InvalidAnswerException ? HttpStatus.BAD_REQUEST.value()
				: HttpStatus.NOT_FOUND.value());
		model.addAttribute("refusal", ex instanceof InvalidAnswerException ? "INVALID" : "NOT_YOURS");
		return "recertify/refused";
	}

}
