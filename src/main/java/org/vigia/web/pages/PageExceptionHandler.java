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
import org.vigia.platform.Message;
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
		return page(ErrorStatus.of(ex.category()), (ex.code() == null) ? ex.getMessage()
				: Message.of(ex.code(), ex.arguments()).encode());
	}

	@ExceptionHandler
	ModelAndView badSort(PropertyReferenceException ex) {
		return page(HttpStatus.BAD_REQUEST, Message.of("problem.badSort", ex.getPropertyName()).encode());
	}

	@ExceptionHandler
	ModelAndView conflict(DataIntegrityViolationException ex) {
		// A constraint's own message names tables and columns: the reader learns what happened, not how.
		return page(HttpStatus.CONFLICT, null);
	}

	/** {@code ?page=two}: the parameter and the value, as the API names them. */
	@ExceptionHandler
	ModelAndView mismatch(MethodArgumentTypeMismatchException ex) {
		var type = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "";
		var code = switch (type) {
			case "Long", "Integer", "int", "long" -> "problem.mismatch.number";
			default -> "problem.mismatch";
		};
		return page(HttpStatus.BAD_REQUEST, Message.of(code, ex.getName(), String.valueOf(ex.getValue())).encode());
	}

	@ExceptionHandler
	ModelAndView missing(MissingServletRequestParameterException ex) {
		return page(HttpStatus.BAD_REQUEST, Message.of("problem.missing", ex.getParameterName()).encode());
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
