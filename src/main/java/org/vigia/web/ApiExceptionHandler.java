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
import org.vigia.common.VigiaException;

/**
 * Turns every error of the API into an RFC 9457 problem detail that says what was wrong and where. The API's
 * controllers only: the dashboard's pages show theirs on a page (see {@code web.pages.PageExceptionHandler}).
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	/** Every error of Vigía's own, by its category: the same status, title and details whichever module raised it. */
	@ExceptionHandler
	ProblemDetail vigia(VigiaException ex) {
		var problem = problem(ErrorStatus.of(ex.category()), ex.title(), ex.getMessage());
		ex.details().forEach(problem::setProperty);
		return problem;
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
