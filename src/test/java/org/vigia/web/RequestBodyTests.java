package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.vigia.IntegrationTest;

/**
 * Request bodies are read only for who may send them: nothing before security parses a multipart body, only the
 * import paths take one, and other paths refuse a large body before reading it. The evidence is whether anything in
 * the application asked the servlet container for the body (its parameters, parts or stream): the container parses a
 * body only when asked.
 */
@IntegrationTest
@Import(RequestBodyTests.Recorder.class)
class RequestBodyTests {

	static final String BOUNDARY = "vigia-test-boundary";

	/** 34 MB: larger than the import's limit, as sent by the reporter. */
	static final byte[] LARGE_MULTIPART = largeMultipart(34 * 1024 * 1024);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void forget() {
		BodyReads.CALLS.clear();
	}

	static byte[] largeMultipart(int size) {
		var head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n").getBytes();
		var tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes();
		var body = new byte[size];
		Arrays.fill(body, (byte) 'a');
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(tail, 0, body, size - tail.length, tail.length);
		return body;
	}

	static MockHttpServletRequestBuilder largeUpload(String path) {
		return post(path).contentType("multipart/form-data; boundary=" + BOUNDARY).content(LARGE_MULTIPART);
	}

	@Test
	void anAnonymousLargeUploadToTheApiImportIsRefusedWithoutReadingIt() throws Exception {
		mvc.perform(largeUpload("/api/registry/import")).andExpect(status().isUnauthorized());
		assertThat(BodyReads.CALLS).isEmpty();
	}

	@Test
	void anAnonymousLargeUploadToTheDashboardImportIsRefusedWithoutReadingIt() throws Exception {
		var status = mvc.perform(largeUpload("/registry/import")).andReturn().getResponse().getStatus();
		assertThat(status).isIn(302, 401, 403);
		assertThat(BodyReads.CALLS).isEmpty();
	}

	@Test
	void anAnonymousUploadWithAStaleSessionCookieIsRefusedWithoutReadingIt() throws Exception {
		mvc.perform(largeUpload("/api/registry/import").with(request -> {
			request.setRequestedSessionId("stale-session");
			return request;
		})).andExpect(status().isUnauthorized());
		assertThat(BodyReads.CALLS).isEmpty();
	}

	@Test
	void aLargeUploadWithWrongCredentialsIsRefusedWithoutReadingIt() throws Exception {
		mvc.perform(largeUpload("/api/registry/import").with(httpBasic("editor", "wrong-password-for-editor"))
			.with(request -> {
				request.setRemoteAddr("198.51.100.77");
				return request;
			})).andExpect(status().isUnauthorized());
		assertThat(BodyReads.CALLS).isEmpty();
	}

	@Test
	void aViewersUploadIsRefusedBeforeItIsRead() throws Exception {
		mvc.perform(largeUpload("/api/registry/import").with(httpBasic("viewer", "viewer")))
			.andExpect(status().isForbidden());
		assertThat(BodyReads.CALLS).isEmpty();
	}

	@Test
	void anUploadAnywhereElseIsRefusedWithoutReadingIt() throws Exception {
		mvc.perform(largeUpload("/findings/1/acknowledge")).andExpect(status().isUnsupportedMediaType());
		mvc.perform(largeUpload("/login")).andExpect(status().isUnsupportedMediaType());
		mvc.perform(post("/api/poll-runs").with(httpBasic("editor", "editor"))
			.contentType("multipart/form-data; boundary=" + BOUNDARY)
			.content(largeMultipart(4096)))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(BodyReads.CALLS).isEmpty();
	}

	@Test
	void aLargeBodyToAnyOtherPathIsRefusedWith413BeforeItIsRead() throws Exception {
		var large = new byte[2 * 1024 * 1024];
		Arrays.fill(large, (byte) 'a');
		mvc.perform(post("/findings/1/dismiss").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(large))
			.andExpect(status().isPayloadTooLarge());
		mvc.perform(put("/api/accounts/1").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(large))
			.andExpect(status().isPayloadTooLarge());
		mvc.perform(post("/api/organizations").with(httpBasic("editor", "editor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(large))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(BodyReads.CALLS).isEmpty();
	}

	@Test
	void anAnonymousFormPutIsNotReadBeforeSecurity() throws Exception {
		mvc.perform(put("/api/accounts/1").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("displayName=x"))
			.andExpect(status().isUnauthorized());
		assertThat(BodyReads.CALLS).isEmpty();
	}

	@Test
	void anEditorsUploadIsStillImported() throws Exception {
		jdbc.sql("truncate account, unit, organization restart identity cascade").update();
		var csv = "organization,platform,handle\nUpload Town,telegram,upload_town\n";
		mvc.perform(multipart("/api/registry/import")
			.file(new MockMultipartFile("file", "registry.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.with(httpBasic("editor", "editor")))
			.andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from account").query(Long.class).single()).isOne();
	}

	/** Whoever asks the container for a request's body, in order. */
	static final class BodyReads extends HttpServletRequestWrapper {

		static final List<String> CALLS = new CopyOnWriteArrayList<>();

		BodyReads(HttpServletRequest request) {
			super(request);
		}

		private static void called(String method) {
			CALLS.add(method + " from " + StackWalker.getInstance()
				.walk(frames -> frames.skip(2).findFirst().map(Object::toString).orElse("?")));
		}

		@Override
		public String getParameter(String name) {
			called("getParameter");
			return super.getParameter(name);
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			called("getParameterMap");
			return super.getParameterMap();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			called("getParameterNames");
			return super.getParameterNames();
		}

		@Override
		public String[] getParameterValues(String name) {
			called("getParameterValues");
			return super.getParameterValues(name);
		}

		@Override
		public Collection<Part> getParts() throws IOException, ServletException {
			called("getParts");
			return super.getParts();
		}

		@Override
		public Part getPart(String name) throws IOException, ServletException {
			called("getPart");
			return super.getPart(name);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			called("getInputStream");
			return super.getInputStream();
		}

		@Override
		public BufferedReader getReader() throws IOException {
			called("getReader");
			return super.getReader();
		}

	}

	/** Wraps every request first of all, so that any later filter's or controller's reading goes through it. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Recorder {

		@Bean
		FilterRegistrationBean<Filter> bodyReadsRecorder() {
			Filter filter = (request, response, chain) -> chain.doFilter(new BodyReads((HttpServletRequest) request),
					response);
			var registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
