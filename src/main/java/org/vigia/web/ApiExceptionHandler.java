package org.vigia.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
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
import org.vigia.registry.ImportRejectedException;
import org.vigia.registry.RegistryValidationException;
import org.vigia.platform.Message;

/**
 * Turns every error of the API into an RFC 9457 problem detail that says what was wrong and where. The API's
 * controllers only: the dashboard's pages show theirs on a page (see {@code web.pages.PageExceptionHandler}).
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private final MessageSource messages;

	ApiExceptionHandler(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * Every error of Vigía's own, by its category: the same status, title and details whichever module raised it. The
	 * title and the detail are in the caller's language ({@code Accept-Language}, English by default); the status, the
	 * {@code type} and the {@code code} property stay the same for scripts.
	 */
	@ExceptionHandler
	ProblemDetail vigia(VigiaException ex) {
		var locale = LocaleContextHolder.getLocale();
		// An exception with a title of its own falls back to it, not to its category's.
		var codes = ex.title().equals(categoryTitle(ex.category()))
				? new String[] { "problem.title." + ex.getClass().getSimpleName(), "problem.title." + ex.category() }
				: new String[] { "problem.title." + ex.getClass().getSimpleName() };
		var title = messages.getMessage(new DefaultMessageSourceResolvable(codes, ex.title()), locale);
		var detail = (ex.code() == null) ? ex.getMessage()
				: messages.getMessage(ex.code(), ex.arguments(), String.valueOf(ex.getMessage()), locale);
		var problem = problem(ErrorStatus.of(ex.category()), title, detail);
		if (ex.code() != null) {
			problem.setProperty("code", ex.code());
		}
		ex.details().forEach(problem::setProperty);
		if (ex instanceof RegistryValidationException invalid) {
			// Each violation in the caller's language, with its field and code for scripts.
			var said = invalid.violations().stream()
				.map(v -> Message.of("violation.field", v.field(), v.said()).render(messages, locale))
				.toList();
			problem.setDetail(String.join("; ", said));
			problem.setProperty("errors", invalid.violations().stream().map(v -> {
				var error = new LinkedHashMap<String, @Nullable Object>();
				error.put("field", v.field());
				error.put("code", v.said().code());
				error.put("message", v.said().render(messages, locale));
				return error;
			}).toList());
		}
		if (ex instanceof ImportRejectedException rejected) {
			// Each error in the caller's language, with its code for scripts.
			problem.setProperty("errors", rejected.report().errors().stream().map(e -> {
				var error = new LinkedHashMap<String, @Nullable Object>();
				error.put("line", e.line());
				error.put("column", e.column());
				error.put("code", e.code());
				error.put("message", e.sentence().render(messages, locale));
				return error;
			}).toList());
		}
		return problem;
	}

	@ExceptionHandler
	ProblemDetail tooLarge(PayloadTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, text("problem.title.tooLarge", "Request too large"), ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail badSort(PropertyReferenceException ex) {
		var problem = problem(HttpStatus.BAD_REQUEST, text("problem.title.badSort", "Invalid sort"),
				text("problem.badSort", "Cannot sort by '" + ex.getPropertyName() + "'", ex.getPropertyName()));
		problem.setProperty("code", "problem.badSort");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail concurrentChange(DataIntegrityViolationException ex) {
		logger.info("A write conflicted with the database's constraints: " + ex.getMostSpecificCause().getMessage());
		var problem = problem(HttpStatus.CONFLICT, text("problem.title.conflict", "Conflicting change"),
				text("problem.conflict", "The change conflicts with an entry written at the same time; reload and try again"));
		problem.setProperty("code", "problem.conflict");
		return problem;
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
		var problem = problem(HttpStatus.BAD_REQUEST, text("problem.title.INVALID", "Invalid input"),
				errors.size() + " field(s) are invalid: " + errors.stream()
					.map(e -> e.get("field") + " " + e.get("message"))
					.reduce((a, b) -> a + "; " + b)
					.orElse(""));
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	private static String categoryTitle(VigiaException.Category category) {
		return switch (category) {
			case NOT_FOUND -> "Not found";
			case INVALID -> "Invalid input";
			case CONFLICT -> "Conflict";
			case REJECTED -> "Rejected";
		};
	}

	/** A sentence in the caller's language, English when no bundle has it. */
	private String text(String code, String english, Object... arguments) {
		return messages.getMessage(code, arguments, english, LocaleContextHolder.getLocale());
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
