package org.vigia.web;

import java.security.Principal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.recertification.Answers;
import org.vigia.recertification.Attestation;
import org.vigia.recertification.Campaigns;

/** Recertification over the API: an organization's cadence and window, and each account's answers. */
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

	RecertificationController(Campaigns campaigns, Answers answers) {
		this.campaigns = campaigns;
		this.answers = answers;
	}

	@GetMapping("/api/organizations/{id}/recertification")
	Campaigns.Settings settings(@PathVariable long id) {
		return campaigns.settings(id);
	}

	@PutMapping("/api/organizations/{id}/recertification")
	Campaigns.Settings configure(@PathVariable long id, @RequestBody SettingsRequest request) {
		return campaigns.configure(id, request.cadence(), request.window());
	}

	@GetMapping("/api/accounts/{id}/attestations")
	List<Attestation> attestations(@PathVariable long id) {
		return answers.of(id);
	}

	@PostMapping("/api/accounts/{id}/attestations")
	@ResponseStatus(HttpStatus.CREATED)
	Attestation record(@PathVariable long id, @RequestBody PhoneAnswer request, Principal principal) {
		return answers.record(id, new Attestation.Answer(request.stillOfficial(), request.administrators(),
				request.twoFactor(), request.institutionalRecovery(), request.lastPost()),
				String.valueOf(request.answeredBy()), principal.getName());
	}

}
