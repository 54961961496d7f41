package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.vigia.alerts.LanguageGuardTests;
import org.vigia.health.FindingActionException;
import org.vigia.health.Findings;

/**
 * Every problem detail of the API, Spring's own errors included (a parameter of the wrong type, a body that is no JSON,
 * a method or a content type not taken, an address with nothing), in the caller's language: English by default, the
 * language of {@code Accept-Language} otherwise, with no English sentence, class name or Spring wording left.
 */
@WebSliceTest(FindingController.class)
class ApiLanguageSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Findings findings;

	@Test
	void aPathVariableOfTheWrongTypeNamesItAndItsValueInEnglishByDefault() throws Exception {
		mvc.perform(viewer(get("/api/findings/abc")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid parameter"))
			.andExpect(jsonPath("$.detail").value("'abc' is not a valid value for id: it must be a whole number"))
			.andExpect(jsonPath("$.code").value("problem.badParameter.type"))
			.andExpect(jsonPath("$.parameter").value("id"));
	}

	@Test
	void aPathVariableOfTheWrongTypeInSpanish() throws Exception {
		var body = problem(mvc.perform(viewer(get("/api/findings/abc"), "es")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Parámetro no válido"))
			.andExpect(jsonPath("$.detail").value("'abc' no es un valor válido para id: debe ser un número entero")));
		noEnglish(body, "a path variable of the wrong type, es");
	}

	@Test
	void aQueryParameterOfTheWrongTypeInCatalan() throws Exception {
		var body = problem(mvc.perform(viewer(get("/api/findings?accountId=seven"), "ca"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Paràmetre no vàlid"))
			.andExpect(jsonPath("$.detail").value("'seven' no és un valor vàlid per a accountId: ha de ser un nombre enter")));
		noEnglish(body, "a query parameter of the wrong type, ca");
	}

	@Test
	void anUnknownSeverityOrPlatformNamesTheValuesAllowedInTheReadersLanguage() throws Exception {
		mvc.perform(viewer(get("/api/findings?severity=NOPE")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid input"))
			.andExpect(jsonPath("$.detail").value("'NOPE' is not a valid value for severity; use one of LOW, MEDIUM, HIGH"));
		var spanish = problem(mvc.perform(viewer(get("/api/findings?severity=NOPE"), "es"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Datos no válidos"))
			.andExpect(jsonPath("$.detail")
				.value("'NOPE' no es un valor válido para severity; use uno de estos: LOW, MEDIUM, HIGH")));
		noEnglish(spanish, "an unknown severity, es");
		var basque = problem(mvc.perform(viewer(get("/api/findings?platform=myspace"), "eu"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("problem.badParameter.values")));
		assertThat(basque).contains("'myspace' ez da platform parametroaren balio baliozkoa")
			.contains("bluesky");
		noEnglish(basque, "an unknown platform, eu");
	}

	@Test
	void aBodyThatIsNoJsonOrHasAFieldOfTheWrongTypeInGalicianAndSpanish() throws Exception {
		var malformed = problem(mvc.perform(editor(post("/api/findings/5/dismiss"), "gl")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Corpo da petición ilexible"))
			.andExpect(jsonPath("$.code").value("problem.badBody")));
		noEnglish(malformed, "a body that is no JSON, gl");
		var wrongType = problem(mvc.perform(editor(post("/api/findings/5/dismiss"), "es")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"duplicate\", \"until\": \"yesterday\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Cuerpo de la petición ilegible"))
			.andExpect(jsonPath("$.detail")
				.value("El campo until del cuerpo de la petición tiene un valor de tipo o forma incorrectos")));
		noEnglish(wrongType, "a field of the wrong type, es");
	}

	@Test
	void aContentTypeOrAMethodNotTakenAndAnAddressWithNothingInSpanish() throws Exception {
		var unsupported = problem(mvc.perform(editor(post("/api/findings/5/dismiss"), "es")
			.contentType(MediaType.TEXT_PLAIN)
			.content("duplicate"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.title").value("Tipo de contenido no admitido")));
		assertThat(unsupported).contains("text/plain").contains("application/json");
		noEnglish(unsupported, "a content type not taken, es");
		var notAllowed = problem(mvc.perform(editor(delete("/api/findings/5"), "es"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.title").value("Método no permitido"))
			.andExpect(jsonPath("$.detail").value(startsWith("Esta dirección no admite el método DELETE; admite GET"))));
		noEnglish(notAllowed, "a method not taken, es");
		var nothing = problem(mvc.perform(viewer(get("/api/nothing-here"), "es"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("No encontrado"))
			.andExpect(jsonPath("$.detail").value("No hay nada en /api/nothing-here")));
		noEnglish(nothing, "an address with nothing, es");
		mvc.perform(viewer(get("/api/nothing-here")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Not found"))
			.andExpect(jsonPath("$.detail").value("There is nothing at /api/nothing-here"));
	}

	@Test
	void anActionTheFindingsStateForbidsIsNotPossibleNowInTheReadersLanguage() throws Exception {
		when(findings.acknowledge(5, "editor")).thenThrow(Exceptions.of(FindingActionException.class, true,
				"problem.finding.resolved", new Object[] { "5" }));

		mvc.perform(editor(post("/api/findings/5/acknowledge")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("Not possible now"));
		var spanish = problem(mvc.perform(editor(post("/api/findings/5/acknowledge"), "es"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("No es posible ahora")));
		noEnglish(spanish, "an action the state forbids, es");
		mvc.perform(editor(post("/api/findings/5/acknowledge"), "gl"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("Non é posible agora"));
	}

	private static MockHttpServletRequestBuilder viewer(MockHttpServletRequestBuilder request) {
		return request.with(user("viewer").roles("VIEWER"));
	}

	private static MockHttpServletRequestBuilder viewer(MockHttpServletRequestBuilder request, String language) {
		return viewer(request).header(HttpHeaders.ACCEPT_LANGUAGE, language);
	}

	private static MockHttpServletRequestBuilder editor(MockHttpServletRequestBuilder request) {
		return request.with(user("editor").roles("EDITOR"));
	}

	private static MockHttpServletRequestBuilder editor(MockHttpServletRequestBuilder request, String language) {
		return editor(request).header(HttpHeaders.ACCEPT_LANGUAGE, language);
	}

	private static String problem(ResultActions result) throws Exception {
		return result.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	/** No English sentence of the bundles, and none of Spring's words or Java's class names. */
	private static void noEnglish(String body, String where) throws IOException {
		LanguageGuardTests.assertNoEnglishAndNoKey(body, where);
		assertThat(body).as(where)
			.doesNotContain("Failed to")
			.doesNotContain("Bad Request")
			.doesNotContain("Not Found")
			.doesNotContain("not supported")
			.doesNotContain("Exception")
			.doesNotContain("java.")
			.doesNotContain("org.springframework");
	}

}
