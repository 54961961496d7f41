package org.vigia.web;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigia.alerts.AlertSettingsException;
import org.vigia.common.VigiaException;
import org.vigia.discovery.DiscoveryRunNotFoundException;
import org.vigia.discovery.UnknownOrganizationsException;
import org.vigia.health.FindingActionException;
import org.vigia.health.FindingNotFoundException;
import org.vigia.polling.PollRunNotFoundException;
import org.vigia.polling.UnknownAccountsException;
import org.vigia.registry.ImportReport;
import org.vigia.registry.ImportRejectedException;
import org.vigia.registry.RegistryConflictException;
import org.vigia.registry.RegistryNotFoundException;
import org.vigia.registry.RegistryValidationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error a module raises for its users, with the status and title the API answers and the pages show: one table,
 * so that a new error picks a category rather than a status of its own.
 */
class ErrorStatusTests {

	static Stream<Arguments> errors() {
		return Stream.of(
				Arguments.of(Exceptions.of(RegistryNotFoundException.class, "account", 7L), 404, "Not found"),
				Arguments.of(Exceptions.of(PollRunNotFoundException.class, 7L), 404, "Not found"),
				Arguments.of(Exceptions.of(DiscoveryRunNotFoundException.class, 7L), 404, "Not found"),
				Arguments.of(new FindingNotFoundException(7), 404, "Not found"),
				Arguments.of(new RegistryValidationException("handle", "input.required"), 400, "Invalid input"),
				Arguments.of(Exceptions.of(UnknownAccountsException.class, List.of(7L)), 400, "Unknown accounts"),
				Arguments.of(Exceptions.of(UnknownOrganizationsException.class, List.of(7L)), 400,
						"Unknown organizations"),
				Arguments.of(Exceptions.of(AlertSettingsException.class, "problem.alerts.locale", new Object[] { "fr" }), 400, "Invalid input"),
				Arguments.of(Exceptions.of(FindingActionException.class, false, "problem.dismiss.reason", new Object[0]), 400,
						"Invalid input"),
				Arguments.of(Exceptions.of(FindingActionException.class, true, "problem.finding.resolved", new Object[] { "7" }), 409,
						"Not possible now"),
				Arguments.of(Exceptions.of(RegistryConflictException.class, "taken", "account", 7L,
						"problem.exists.account", new Object[] { "Mastodon", "a@b.example", "7", "Villaverde" }), 409,
						"Already registered"),
				Arguments.of(Exceptions.of(ImportRejectedException.class,
						new ImportReport(false, 0, 0, 0, 0, 0, List.of())), 422, "Registry file rejected"));
	}

	@ParameterizedTest(name = "{0} -> {1} {2}")
	@MethodSource("errors")
	void eachErrorAnswersTheStatusOfItsCategory(VigiaException error, int status, String title) {
		assertThat(ErrorStatus.of(error.category()).value()).isEqualTo(status);
		assertThat(error.title()).isEqualTo(title);
	}

}
