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
import org.vigia.discovery.DiscoveryRunNotFoundException;
import org.vigia.discovery.UnknownOrganizationsException;
import org.vigia.health.FindingActionException;
import org.vigia.health.FindingNotFoundException;
import org.vigia.polling.PollRunNotFoundException;
import org.vigia.polling.UnknownAccountsException;
import org.vigia.registry.RegistryConflictException;
import org.vigia.registry.RegistryNotFoundException;
import org.vigia.registry.RegistryValidationException;

/**
 * What a page shows when what it was asked for does not exist or cannot be done: the dashboard's error page, in the
 * reader's language, with the status the API gives the same error (the API's handler answers problem details to API
 * calls only). Forms catch what their reader can correct and show it beside the field; this is for the rest.
 */
@ControllerAdvice(basePackageClasses = PageExceptionHandler.class)
class PageExceptionHandler {

	@ExceptionHandler({ RegistryNotFoundException.class, FindingNotFoundException.class,
			PollRunNotFoundException.class, DiscoveryRunNotFoundException.class })
	ModelAndView notFound(RuntimeException ex) {
		return page(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler({ RegistryValidationException.class, UnknownAccountsException.class,
			UnknownOrganizationsException.class, PropertyReferenceException.class })
	ModelAndView invalid(RuntimeException ex) {
		return page(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler({ RegistryConflictException.class, DataIntegrityViolationException.class })
	ModelAndView conflict(RuntimeException ex) {
		// A constraint's own message names tables and columns: the reader learns what happened, not how.
		return page(HttpStatus.CONFLICT, (ex instanceof DataIntegrityViolationException) ? null : ex.getMessage());
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

	@ExceptionHandler
	ModelAndView findingAction(FindingActionException ex) {
		return page(ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, ex.getMessage());
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
