package org.vigia.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.alerts.AlertSettings;

/** Alert settings: an organization's own office, language and quiet periods; a recipient's language. */
@RestController
class AlertSettingsController {

	/** The body of PUT /api/organizations/{id}/alerts: the whole settings, replaced. */
	record OrganizationAlertsRequest(@Nullable List<String> recipients, @Nullable String locale,
			@Nullable List<AlertSettings.QuietPeriod> quietPeriods) {
	}

	/** The body of PUT /api/alert-recipients/{address}. */
	record RecipientRequest(@Nullable String locale) {
	}

	private final AlertSettings settings;

	AlertSettingsController(AlertSettings settings) {
		this.settings = settings;
	}

	@GetMapping("/api/organizations/{id}/alerts")
	AlertSettings.OrganizationAlerts organization(@PathVariable long id) {
		return settings.organization(id);
	}

	@PutMapping("/api/organizations/{id}/alerts")
	AlertSettings.OrganizationAlerts setOrganization(@PathVariable long id,
			@RequestBody OrganizationAlertsRequest request) {
		return settings.setOrganization(id, request.recipients(), request.locale(), request.quietPeriods());
	}

	@GetMapping("/api/alert-recipients")
	List<AlertSettings.Recipient> recipients() {
		return settings.recipients();
	}

	@PutMapping("/api/alert-recipients/{address}")
	AlertSettings.Recipient setRecipient(@PathVariable String address, @RequestBody RecipientRequest request) {
		return settings.setRecipient(address, request.locale());
	}

	@DeleteMapping("/api/alert-recipients/{address}")
	ResponseEntity<Void> removeRecipient(@PathVariable String address) {
		settings.removeRecipient(address);
		return ResponseEntity.noContent().build();
	}

}
