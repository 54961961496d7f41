package org.vigia.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
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
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.vigia.common.VigiaException;
import org.vigia.platform.Message;
import org.vigia.registry.ImportRejectedException;
import org.vigia.registry.RegistryValidationException;

import tools.jackson.databind.DatabindException;

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
		var codes = (ex.titleCode() != null) ? new String[] { ex.titleCode() }
				: ex.title().equals(categoryTitle(ex.category()))
						? new String[] { "problem.title." + ex.getClass().getSimpleName(),
								"problem.title." + ex.category() }
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
		var problem = problem(HttpStatus.CONTENT_TOO_LARGE, text("problem.title.tooLarge", "Request too large"),
				text("problem.tooLarge.registry", String.valueOf(ex.getMessage()), ex.max()));
		problem.setProperty("code", "problem.tooLarge.registry");
		return problem;
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
		var locale = LocaleContextHolder.getLocale();
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> Map.of("field", error.getField(), "message", messages.getMessage(error, locale)))
			.toList();
		var problem = problem(HttpStatus.BAD_REQUEST, text("problem.title.INVALID", "Invalid input"),
				text("problem.invalidFields", "Invalid fields", String.join("; ", errors.stream()
					.map(e -> text("violation.field", e.get("field") + ": " + e.get("message"), e.get("field"),
							e.get("message")))
					.toList())));
		problem.setProperty("code", "problem.invalidFields");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	/** A parameter or path variable of the wrong type: which one, with what value, and what it takes. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		var name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: String.valueOf(ex.getPropertyName());
		var value = SpringProblems.shorten(String.valueOf(ex.getValue()));
		var expected = expected(ex.getRequiredType());
		var code = (expected == null) ? "problem.badParameter" : "problem.badParameter.type";
		var problem = problem(HttpStatus.BAD_REQUEST, text("problem.title.badParameter", "Invalid parameter"),
				Message.of(code, name, value, expected).render(messages, LocaleContextHolder.getLocale()));
		problem.setProperty("code", code);
		problem.setProperty("parameter", name);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var problem = problem(HttpStatus.BAD_REQUEST, text("problem.title.badParameter", "Invalid parameter"),
				text("problem.missingParameter", "The parameter " + ex.getParameterName() + " is required",
						ex.getParameterName()));
		problem.setProperty("code", "problem.missingParameter");
		problem.setProperty("parameter", ex.getParameterName());
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var locale = LocaleContextHolder.getLocale();
		var said = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> text("violation.field", "", String.valueOf(result.getMethodParameter().getParameterName()),
						messages.getMessage(error, locale))))
			.toList();
		var problem = problem(HttpStatus.BAD_REQUEST, text("problem.title.INVALID", "Invalid input"),
				text("problem.invalidFields", "Invalid fields", String.join("; ", said)));
		problem.setProperty("code", "problem.invalidFields");
		return ResponseEntity.badRequest().body(problem);
	}

	/** A body that is no JSON, or no JSON of the shape expected: where, when Jackson says where. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var field = field(ex);
		Message detail;
		if (field != null) {
			detail = Message.of("problem.badBody.field", field);
		}
		else if (String.valueOf(ex.getMessage()).startsWith("Required request body is missing")) {
			detail = Message.of("problem.badBody.missing");
		}
		else {
			detail = Message.of("problem.badBody");
		}
		var problem = problem(HttpStatus.BAD_REQUEST, text("problem.title.badBody", "Unreadable request body"),
				detail.render(messages, LocaleContextHolder.getLocale()));
		problem.setProperty("code", detail.code());
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * Spring's other errors (a method not allowed, a content type not read, a missing path variable): the status's
	 * title and a sentence in the caller's language instead of Spring's English.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		if (body == null && ex instanceof ErrorResponse error) {
			body = error.getBody();
		}
		if (body instanceof ProblemDetail problem
				&& (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
			SpringProblems.translate(problem, ex, messages, LocaleContextHolder.getLocale());
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	/** What a parameter of a type takes, in words, or null for a type without a short description. */
	private static @Nullable Message expected(@Nullable Class<?> type) {
		if (type == null) {
			return null;
		}
		if (type.isEnum()) {
			return Message.of("problem.type.values", String.join(", ",
					Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList()));
		}
		if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
			return Message.of("problem.type.number");
		}
		if (type == boolean.class || type == Boolean.class) {
			return Message.of("problem.type.boolean");
		}
		if (type == LocalDate.class) {
			return Message.of("problem.type.date");
		}
		if (type == Instant.class || type == OffsetDateTime.class) {
			return Message.of("problem.type.instant");
		}
		return null;
	}

	/** The path of the field Jackson could not read ({@code quietPeriods[0].from}), or null. */
	private static @Nullable String field(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			// A body that is no JSON at all says nothing about a field, even when Jackson notes where it stopped.
			if (cause instanceof DatabindException jackson && !jackson.getPath().isEmpty()) {
				var path = new StringBuilder();
				for (var reference : jackson.getPath()) {
					if (reference.getPropertyName() != null) {
						path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
					}
					else if (reference.getIndex() >= 0) {
						path.append('[').append(reference.getIndex()).append(']');
					}
				}
				return path.isEmpty() ? null : path.toString();
			}
		}
		return null;
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
