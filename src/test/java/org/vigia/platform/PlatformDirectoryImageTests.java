package org.vigia.platform;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.vigia.platform.http.GuardedClients;
import org.vigia.platform.http.HttpProperties;
import org.vigia.platform.http.PlatformHttpClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlatformDirectoryImageTests {

	private static final int MAX_BYTES = 64 * 1024;

	private final List<MockWebServer> servers = new ArrayList<>();

	@AfterEach
	void stopServers() {
		servers.forEach(MockWebServer::close);
	}

	@Test
	void fetchesAPngAvatarAsItsBytes() throws Exception {
		var server = server();
		var png = png();
		server.enqueue(image("image/png", png));

		var bytes = directory(open()).image(url(server, "/avatars/original/5c1e.png"), MAX_BYTES);

		assertThat(bytes).isEqualTo(png);
		var request = server.takeRequest();
		assertThat(request.getUrl().encodedPath()).isEqualTo("/avatars/original/5c1e.png");
		assertThat(request.getHeaders().get("Accept")).isEqualTo("image/*");
	}

	@Test
	void followsARedirectToTheImageOnAMediaHost() throws Exception {
		var server = server();
		var png = png();
		server.enqueue(redirect(url(server, "/media/5c1e.png")));
		server.enqueue(image("image/png", png));

		assertThat(directory(open()).image(url(server, "/avatar"), MAX_BYTES)).isEqualTo(png);
		assertThat(server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void givesUpOnAnImageLargerThanAskedForWithoutReadingItAll() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "image/jpeg")
			.body(new Buffer().write(new byte[MAX_BYTES + 1]))
			.removeHeader("Content-Length")
			.build());

		assertThat(directory(open()).image(url(server, "/huge.jpg"), MAX_BYTES)).isNull();
	}

	@Test
	void refusesAnAnswerThatIsNotAnImage() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "text/html; charset=utf-8")
			.body("<html><body>Login</body></html>")
			.build());

		assertThat(directory(open()).image(url(server, "/avatar.png"), MAX_BYTES)).isNull();
	}

	@Test
	void refusesSvgWhichCanCarryScripts() throws Exception {
		var server = server();
		server.enqueue(image("image/svg+xml",
				"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes()));

		assertThat(directory(open()).image(url(server, "/avatar.svg"), MAX_BYTES)).isNull();
	}

	@Test
	void refusesAnErrorAnswerEvenWithAnImage() throws Exception {
		var server = server();
		server.enqueue(new MockResponse.Builder().code(404)
			.addHeader("Content-Type", "image/png")
			.body(new Buffer().write(png()))
			.build());

		assertThat(directory(open()).image(url(server, "/gone.png"), MAX_BYTES)).isNull();
	}

	@Test
	void refusesARedirectToAPrivateAddressWhenPrivateAddressesAreNotAllowed() throws Exception {
		var server = server();
		var internal = server();
		server.enqueue(redirect(url(internal, "/admin/avatar.png")));
		internal.enqueue(image("image/png", png()));
		var guarded = GuardedClients.exempting(new InetSocketAddress("127.0.0.1", server.getPort()));

		var bytes = new DefaultPlatformDirectory(List.of(), guarded, true).image(url(server, "/avatar.png"),
				MAX_BYTES);

		assertThat(bytes).isNull();
		assertThat(server.getRequestCount()).isEqualTo(1);
		assertThat(internal.getRequestCount()).isZero();
	}

	@Test
	void refusesRedirectsToTheCloudMetadataService() throws Exception {
		var server = server();
		server.enqueue(redirect("http://169.254.169.254/latest/meta-data/iam/security-credentials/"));

		assertThat(directory(open()).image(url(server, "/avatar.png"), MAX_BYTES)).isNull();
	}

	@Test
	void fetchesOnlyHttpsWherePrivateAddressesAreNotAllowed() throws Exception {
		var server = server();
		server.enqueue(image("image/png", png()));
		var guarded = GuardedClients.exempting(new InetSocketAddress("127.0.0.1", server.getPort()));
		var directory = new DefaultPlatformDirectory(List.of(), guarded);

		assertThat(directory.image(url(server, "/avatar.png"), MAX_BYTES)).isNull();
		assertThat(directory.image("javascript:alert(1)", MAX_BYTES)).isNull();
		assertThat(directory.image("file:///etc/passwd", MAX_BYTES)).isNull();
		assertThat(directory.image("not a url", MAX_BYTES)).isNull();
		assertThat(server.getRequestCount()).isZero();
	}

	@Test
	void refusesAByteLimitBelowOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> directory(open()).image("https://cdn.bsky.app/img/avatar/plain/x@jpeg", 0));
	}

	private MockWebServer server() throws IOException {
		var server = new MockWebServer();
		// An IP literal, so that the guard's exemption for tests matches it exactly.
		server.start(InetAddress.getByName("127.0.0.1"), 0);
		servers.add(server);
		return server;
	}

	private static PlatformHttpClient open() {
		return new PlatformHttpClient(HttpProperties.forLocalTests(), new SimpleMeterRegistry(), Clock.systemUTC());
	}

	private static PlatformDirectory directory(PlatformHttpClient http) {
		return new DefaultPlatformDirectory(List.of(), http);
	}

	private static String url(MockWebServer server, String path) {
		return "http://127.0.0.1:" + server.getPort() + path;
	}

	private static MockResponse image(String type, byte[] bytes) {
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", type)
			.body(new Buffer().write(bytes))
			.build();
	}

	private static MockResponse redirect(String location) {
		return new MockResponse.Builder().code(302).addHeader("Location", location).build();
	}

	private static byte[] png() throws IOException {
		var image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
		image.setRGB(1, 2, 0xC8102E);
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

}
