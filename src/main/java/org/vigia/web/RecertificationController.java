package org.vigia.web;

import org.vigia.registry.Registry;
import org.vigia.common.Visibility;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.recertification.Answers;
import org.vigia.recertification.Attestation;
import org.vigia.recertification.Campaigns;
import org.vigia.recertification.Rounds;

/**
 * Recertification over the API: the current rounds (JSON, or CSV for auditors), an organization's cadence and window,
 * and each account's answers.
 */
@RestController
class RecertificationController {

	/** The body of PUT: ISO-8601 periods such as P3M and P14D. */
	record SettingsRequest(@Nullable String cadence, @Nullable String window) {
	}

	/** The body of POST: an answer given by phone, and who gave it. */
	record PhoneAnswer(@Nullable String answeredBy, Attestation.@Nullable StillOfficial stillOfficial,
			@Nullable String administrators, Attestation.@Nullable Choice twoFactor,
			Attestation.@Nullable Choice institutionalRecovery, @Nullable LocalDate lastPost) {
	}

	private final Campaigns campaigns;

	private final Answers answers;

	private final Rounds rounds;

	private final Registry registry;

	private final Visibility visibility;

	RecertificationController(Campaigns campaigns, Answers answers, Rounds rounds, Registry registry,
			Visibility visibility) {
		this.registry = registry;
		this.visibility = visibility;
		this.campaigns = campaigns;
		this.answers = answers;
		this.rounds = rounds;
	}

	/**
	 * The current round of one organization ({@code organizationId}), or of every organization that has had one (a
	 * list), account by account.
	 */
	@GetMapping(path = "/api/recertification", produces = "application/json")
	Object current(@RequestParam(required = false) @Nullable Long organizationId) {
		if (organizationId == null) {
			return seen(rounds.current(null));
		}
		registry.organization(organizationId);
		return rounds.currentOf(organizationId);
	}

	/** The rounds of the organizations the person asking may see. */
	private List<Rounds.Round> seen(List<Rounds.Round> all) {
		var seen = visibility.seen();
		return seen.all() ? all : all.stream().filter(round -> seen.contains(round.organizationId())).toList();
	}

	/** The same rounds as CSV, one line per account asked, with the answer that counts. */
	@GetMapping(path = "/api/recertification", produces = "text/csv")
	void csv(@RequestParam(required = false) @Nullable Long organizationId, HttpServletResponse response)
			throws IOException {
		if (organizationId != null) {
			registry.organization(organizationId);
		}
		var current = seen(rounds.current(organizationId));
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("vigia-recertification.csv").build().toString());
		var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		Rounds.csv(current, writer);
		writer.flush();
	}

	@GetMapping("/api/organizations/{id}/recertification")
	Campaigns.Settings settings(@PathVariable long id) {
		registry.organization(id);
		return campaigns.settings(id);
	}

	@PutMapping("/api/organizations/{id}/recertification")
	Campaigns.Settings configure(@PathVariable long id, @RequestBody SettingsRequest request) {
		registry.organization(id);
		visibility.requireEdited(id, organization -> new IllegalStateException("organization " + id + " was just seen"));
		return campaigns.configure(id, request.cadence(), request.window());
	}

	@GetMapping("/api/accounts/{id}/attestations")
	List<Attestation> attestations(@PathVariable long id) {
		registry.account(id);
		return answers.of(id);
	}

	@PostMapping("/api/accounts/{id}/attestations")
	@ResponseStatus(HttpStatus.CREATED)
	Attestation record(@PathVariable long id, @RequestBody PhoneAnswer request, Principal principal) {
		var account = registry.account(id).account();
		visibility.requireEdited(account.organizationId(), organization -> new IllegalStateException("just seen"));
		return answers.record(id, new Attestation.Answer(request.stillOfficial(), request.administrators(),
				request.twoFactor(), request.institutionalRecovery(), request.lastPost()),
				String.valueOf(request.answeredBy()), principal.getName());
	}

}
