package org.vigia.web;

import java.util.List;
import java.util.Map;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.core.PropertyReferenceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.vigia.alerts.AlertSettingsException;
import org.vigia.health.FindingActionException;
import org.vigia.health.FindingNotFoundException;
import org.vigia.discovery.DiscoveryRunNotFoundException;
import org.vigia.discovery.UnknownOrganizationsException;
import org.vigia.polling.PollRunNotFoundException;
import org.vigia.polling.UnknownAccountsException;
import org.vigia.registry.ImportRejectedException;
import org.vigia.registry.RegistryConflictException;
import org.vigia.registry.RegistryNotFoundException;
import org.vigia.registry.RegistryValidationException;

/**
 * Turns every error of the API into an RFC 9457 problem detail that says what was wrong and where. The API's
 * controllers only: the dashboard's pages show theirs on a page (see {@code web.pages.PageExceptionHandler}).
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ProblemDetail invalid(RegistryValidationException ex) {
		var problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", ex.getMessage());
		problem.setProperty("errors", ex.violations()
			.stream()
			.map(v -> Map.of("field", v.field(), "message", v.message()))
			.toList());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail conflict(RegistryConflictException ex) {
		var problem = problem(HttpStatus.CONFLICT, "Already registered", ex.getMessage());
		problem.setProperty("existingType", ex.existingType());
		problem.setProperty("existingId", ex.existingId());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notFound(RegistryNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail importRejected(ImportRejectedException ex) {
		var report = ex.report();
		var problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Registry file rejected", ex.getMessage());
		problem.setProperty("dryRun", report.dryRun());
		problem.setProperty("errors", report.errors());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unknownAccounts(UnknownAccountsException ex) {
		var problem = problem(HttpStatus.BAD_REQUEST, "Unknown accounts", ex.getMessage());
		problem.setProperty("accountIds", ex.accountIds());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail runNotFound(PollRunNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail discoveryRunNotFound(DiscoveryRunNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unknownOrganizations(UnknownOrganizationsException ex) {
		var problem = problem(HttpStatus.BAD_REQUEST, "Unknown organizations", ex.getMessage());
		problem.setProperty("organizationIds", ex.ids());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail findingNotFound(FindingNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail findingAction(FindingActionException ex) {
		return ex.conflict() ? problem(HttpStatus.CONFLICT, "Not possible now", ex.getMessage())
				: problem(HttpStatus.BAD_REQUEST, "Invalid input", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail alertSettings(AlertSettingsException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail tooLarge(PayloadTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail badSort(PropertyReferenceException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid sort", "Cannot sort by '" + ex.getPropertyName() + "'");
	}

	@ExceptionHandler
	ProblemDetail concurrentChange(DataIntegrityViolationException ex) {
		logger.info("A write conflicted with the database's constraints: " + ex.getMostSpecificCause().getMessage());
		return problem(HttpStatus.CONFLICT, "Conflicting change",
				"The change conflicts with an entry written at the same time; reload and try again");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> Map.of("field", error.getField(), "message",
					String.valueOf(error.getDefaultMessage())))
			.toList();
		var problem = problem(HttpStatus.BAD_REQUEST, "Invalid input",
				errors.size() + " field(s) are invalid: " + errors.stream()
					.map(e -> e.get("field") + " " + e.get("message"))
					.reduce((a, b) -> a + "; " + b)
					.orElse(""));
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
