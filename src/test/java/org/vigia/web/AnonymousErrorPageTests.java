package org.vigia.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vigia.IntegrationTest;

/**
 * The error page a signed-out visitor gets, as a real servlet container renders it (MockMvc renders no error page):
 * its header shows nobody signed in, no role and no log-out, but a link to sign in.
 */
@IntegrationTest
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AnonymousErrorPageTests {

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	HttpResponse<String> crossSiteDisconnect(String language) throws Exception {
		return http.send(crossSite(language).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	HttpRequest.Builder crossSite(String language) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/connections/1/disconnect"))
			.header("Sec-Fetch-Site", "cross-site")
			.header("Origin", "https://attacker.example")
			.header("Accept", "text/html")
			.header("Accept-Language", language)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(""));
	}

	@Test
	void aSignedOutVisitorsErrorPageShowsNoUserNoRoleAndNoLogOutButASignIn() throws Exception {
		var response = crossSiteDisconnect("en");

		assertThat(response.statusCode()).isEqualTo(403);
		var page = response.body();
		assertThat(page).contains("<h1>").contains("href=\"/login\"").contains(">Log in</a>");
		assertThat(page).doesNotContain("anonymousUser")
			.doesNotContain("Log out")
			.doesNotContain("action=\"/logout\"")
			.doesNotContain(">Viewer<");
	}

	@Test
	void inSpanishToo() throws Exception {
		var page = crossSiteDisconnect("es-ES,es;q=0.9").body();

		assertThat(page).contains("href=\"/login\"").contains(">Iniciar sesión</a>");
		assertThat(page).doesNotContain("anonymousUser").doesNotContain("Cerrar sesión").doesNotContain(">Lector<");
	}

	@Test
	void aSignedInPersonsErrorPageStillShowsWhoTheyAreTheirRoleAndLogOut() throws Exception {
		// A viewer signed in through the form opens the administrators' page: refused, on the dashboard's error page.
		var browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
		var login = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
		assertThat(csrf.find()).as(login.body()).isTrue();
		var signedIn = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=viewer&password=viewer&_csrf="
					+ java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).doesNotContain("error"));
		var response = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/users"))
			.header("Accept", "text/html")
			.header("Accept-Language", "en")
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains(">viewer").contains(">Viewer<").contains("Log out")
			.doesNotContain("href=\"/login\"");
	}

}
