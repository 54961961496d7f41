package org.vigia.web.pages;

import java.util.HashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.core.PropertyReferenceException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.vigia.common.VigiaException;
import org.vigia.web.ErrorStatus;

/**
 * What a page shows when what it was asked for does not exist or cannot be done: the dashboard's error page, in the
 * reader's language, with the status the API gives the same error (the API's handler answers problem details to API
 * calls only). Forms catch what their reader can correct and show it beside the field; this is for the rest.
 */
@ControllerAdvice(basePackageClasses = PageExceptionHandler.class)
class PageExceptionHandler {

	/** Every error of Vigía's own, by its category, with the status the API gives it. */
	@ExceptionHandler
	ModelAndView vigia(VigiaException ex) {
		return page(ErrorStatus.of(ex.category()), ex.getMessage());
	}

	@ExceptionHandler
	ModelAndView badSort(PropertyReferenceException ex) {
		return page(HttpStatus.BAD_REQUEST, "Cannot sort by '" + ex.getPropertyName() + "'");
	}

	@ExceptionHandler
	ModelAndView conflict(DataIntegrityViolationException ex) {
		// A constraint's own message names tables and columns: the reader learns what happened, not how.
		return page(HttpStatus.CONFLICT, null);
	}

	/** {@code ?page=two}: the parameter and the value, as the API names them. */
	@ExceptionHandler
	ModelAndView mismatch(MethodArgumentTypeMismatchException ex) {
		var type = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		return page(HttpStatus.BAD_REQUEST, "'%s' must be %s, not '%s'".formatted(ex.getName(), a(type), ex.getValue()));
	}

	@ExceptionHandler
	ModelAndView missing(MissingServletRequestParameterException ex) {
		return page(HttpStatus.BAD_REQUEST, "'%s' is missing".formatted(ex.getParameterName()));
	}

	private static String a(String type) {
		return switch (type) {
			case "Long", "Integer", "int", "long" -> "a number";
			default -> "a " + type;
		};
	}

	/** The error page's model as Spring Boot's error view gets it: status, reason and (when there is one) message. */
	private static ModelAndView page(HttpStatus status, @Nullable String message) {
		var model = new HashMap<String, Object>();
		model.put("status", status.value());
		model.put("error", status.getReasonPhrase());
		if (message != null) {
			model.put("message", message);
		}
		return new ModelAndView("error", model, status);
	}

}
