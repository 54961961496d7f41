package org.vigia.web.pages;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vigia.platform.Message;
import org.vigia.audit.AuditTrail;
import org.vigia.overview.AccountHealth;
import org.vigia.health.FindingFilter;
import org.vigia.health.Findings;
import org.vigia.common.InvalidException;
import org.vigia.polling.AccountActivity;
import org.vigia.recertification.Answers;
import org.vigia.recertification.Attestation;
import org.vigia.registry.AccountInput;
import org.vigia.registry.AccountStatus;
import org.vigia.registry.Registry;
import org.vigia.registry.RegistryConflictException;
import org.vigia.registry.RegistryValidationException;

/** One account: its registry entry (editable by editors), its profile, its posting over time, checks and findings. */
@Controller
class AccountPage {

	static final int WEEKS = 26;

	private final Registry registry;

	private final AccountActivity activity;

	private final AccountHealth health;

	private final Findings findings;

	private final Clock clock;

	private final ObjectProvider<AuditTrail> audit;

	private final Answers answers;

	AccountPage(Registry registry, AccountActivity activity, AccountHealth health, Findings findings, Clock clock,
			ObjectProvider<AuditTrail> audit, Answers answers) {
		this.audit = audit;
		this.answers = answers;
		this.registry = registry;
		this.activity = activity;
		this.health = health;
		this.findings = findings;
		this.clock = clock;
	}

	@GetMapping("/accounts/{id}")
	String account(@PathVariable long id, Model model) {
		var entry = registry.account(id);
		var account = entry.account();
		var weeks = activity.weeks(id, WEEKS, clock.instant());
		model.addAttribute("section", "accounts");
		model.addAttribute("entry", entry);
		model.addAttribute("account", account);
		model.addAttribute("health", health.of(List.of(id)).getOrDefault(id, AccountHealth.Health.unknown()));
		var profile = activity.profile(id).orElse(null);
		model.addAttribute("profile", profile);
		model.addAttribute("avatar", (profile != null) ? safeImage(profile.avatarUrl()) : null);
		model.addAttribute("weeks", weeks);
		model.addAttribute("maxPosts", Math.max(1, weeks.stream().mapToInt(AccountActivity.Week::posts).max().orElse(1)));
		model.addAttribute("postsSeen", weeks.stream().mapToInt(AccountActivity.Week::posts).sum());
		model.addAttribute("checks", activity.history(id, PageRequest.of(0, 20)).getContent());
		var trail = audit.getIfAvailable();
		model.addAttribute("changes", trail == null ? List.of()
				: trail.find(new AuditTrail.Filter(null, null, "account", Long.toString(id), null, null), 0, 20));
		model.addAttribute("findings", findings.list(new FindingFilter(Set.of(), Set.of(), Set.of(), null, null, null, id),
				PageRequest.of(0, 50)).getContent());
		model.addAttribute("units", registry.units(account.organizationId(), PageRequest.of(0, 500)).getContent());
		var attestations = answers.of(id);
		var latest = attestations.isEmpty() ? null : attestations.getFirst();
		model.addAttribute("attestation", latest);
		model.addAttribute("earlierAttestations", attestations.stream().skip(1).limit(20).toList());
		model.addAttribute("retireProposed", latest != null && account.status() == AccountStatus.ACTIVE
				&& latest.answer().stillOfficial() == Attestation.StillOfficial.RETIRE);
		return "account";
	}

	/**
	 * Editors record an answer an owner gave by phone: it is kept as the link's answers are, with the editor who took
	 * it, and has the same consequences.
	 */
	@PostMapping("/accounts/{id}/attestations")
	String recordPhoneAnswer(@PathVariable long id, @RequestParam(required = false) @Nullable String answeredBy,
			@RequestParam(required = false) @Nullable String stillOfficial,
			@RequestParam(required = false) @Nullable String administrators,
			@RequestParam(required = false) @Nullable String twoFactor,
			@RequestParam(required = false) @Nullable String institutionalRecovery,
			@RequestParam(required = false) @Nullable String lastPost, Principal principal, RedirectAttributes redirect) {
		registry.account(id);
		try {
			answers.record(id, new Attestation.Answer(choice(Attestation.StillOfficial.class, stillOfficial, "stillOfficial"),
					administrators, choice(Attestation.Choice.class, twoFactor, "twoFactor"),
					choice(Attestation.Choice.class, institutionalRecovery, "institutionalRecovery"), date(lastPost)),
					(answeredBy == null) ? "" : answeredBy, principal.getName());
			redirect.addFlashAttribute("phoneAnswerSaved", true);
		}
		catch (InvalidException ex) {
			// In the reader's language: the message code and its arguments, rendered by the page.
			redirect.addFlashAttribute("errors", List.of((ex.code() != null)
					? Message.of(ex.code(), ex.arguments()).encode() : String.valueOf(ex.getMessage())));
		}
		return "redirect:/accounts/" + id + "#attestations";
	}

	private static <E extends Enum<E>> @Nullable E choice(Class<E> type, @Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new PhoneAnswerException("problem.phone.choice", field, value);
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
			throw new PhoneAnswerException("problem.recertification.lastPostDate", value);
		}
	}

	/** A phone answer's field the form sent wrong. */
	private static final class PhoneAnswerException extends InvalidException {

		private static final long serialVersionUID = 1L;

		PhoneAnswerException(String code, Object... arguments) {
			super(Message.of(code, arguments).english(), code, arguments);
		}

	}

	/** Editors change the registry facts a communications office keeps: owner, contact, purpose, limits, notes. */
	@PostMapping("/accounts/{id}")
	String update(@PathVariable long id, @RequestParam(required = false) @Nullable Long unitId,
			@RequestParam(required = false) @Nullable String displayName,
			@RequestParam(required = false) @Nullable String contactEmail,
			@RequestParam(required = false) @Nullable String purpose,
			@RequestParam(required = false) @Nullable String language,
			@RequestParam(required = false) @Nullable String maxSilenceDays,
			@RequestParam(required = false) @Nullable String notes, RedirectAttributes redirect) {
		var account = registry.account(id).account();
		var input = new AccountInput(null, null, account.platform().id(), account.handle(), account.url(), displayName,
				contactEmail, purpose, language, maxSilenceDays, notes);
		try {
			registry.update(id, input, account.organizationId(), unitId, null);
			redirect.addFlashAttribute("saved", true);
		}
		catch (RegistryValidationException ex) {
			redirect.addFlashAttribute("errors",
					ex.violations().stream().map(v -> Message.of("violation.field", v.field(), v.said()).encode()).toList());
		}
		return "redirect:/accounts/" + id;
	}

	/** Archiving is asked for twice: this page says what it does, and only its button archives. */
	@GetMapping("/accounts/{id}/archive")
	String confirmArchive(@PathVariable long id, Model model) {
		var entry = registry.account(id);
		model.addAttribute("section", "accounts");
		model.addAttribute("entry", entry);
		model.addAttribute("account", entry.account());
		return "archive";
	}

	/** Archives (as the API's DELETE does): the account is no longer checked, and keeps its history and findings. */
	@PostMapping("/accounts/{id}/archive")
	String archive(@PathVariable long id, RedirectAttributes redirect) {
		registry.archive(id);
		redirect.addFlashAttribute("archived", true);
		return "redirect:/accounts/" + id;
	}

	/** Puts an archived account back under watch, with the registry entry it had. */
	@PostMapping("/accounts/{id}/restore")
	String restore(@PathVariable long id, RedirectAttributes redirect) {
		var account = registry.account(id).account();
		var input = new AccountInput(null, null, account.platform().id(), account.handle(), account.url(),
				account.displayName(), account.contactEmail(), account.purpose(), account.language(),
				(account.maxSilenceDays() == null) ? null : account.maxSilenceDays().toString(), account.notes());
		try {
			registry.update(id, input, account.organizationId(), account.unitId(), AccountStatus.ACTIVE);
			redirect.addFlashAttribute("restored", true);
		}
		catch (RegistryValidationException | RegistryConflictException ex) {
			redirect.addFlashAttribute("errors", (ex instanceof RegistryValidationException invalid)
					? invalid.violations().stream().map(v -> Message.of("violation.field", v.field(), v.said()).encode()).toList()
					: List.of(Message.of(String.valueOf(ex.code()), ex.arguments()).encode()));
		}
		return "redirect:/accounts/" + id;
	}

	/** An avatar is shown only from an https URL; anything else is not loaded at all. */
	private static @Nullable String safeImage(@Nullable String url) {
		if (url == null) {
			return null;
		}
		try {
			var uri = URI.create(url);
			return ("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null) ? uri.toString()
					: null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
