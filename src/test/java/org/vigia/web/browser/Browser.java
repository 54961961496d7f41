package org.vigia.web.browser;

import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium driven by its chromedriver, headless, found on the machine and never downloaded: Selenium Manager
 * is told to stay offline and is never needed, since both paths are given.
 * <p>
 * Without them, the browser tests are skipped on a developer's machine and fail where {@code VIGIA_BROWSER_TESTS} is
 * {@code required} (CI, see {@code .ci/run}), so that a missing browser never passes for a green build.
 */
final class Browser {

	static final String REQUIRED = "VIGIA_BROWSER_TESTS";

	private Browser() {
	}

	/** A headless Chromium with a 1280x900 window that records the console, or the test class skipped (or failed). */
	static ChromeDriver start() {
		var chromium = find("VIGIA_CHROMIUM", "/usr/bin/chromium", "chromium", "chromium-browser");
		var chromedriver = find("VIGIA_CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver");
		if (chromium.isEmpty() || chromedriver.isEmpty()) {
			var missing = "The browser tests need Debian's Chromium and chromedriver (apt-get install chromium "
					+ "chromium-driver), or VIGIA_CHROMIUM and VIGIA_CHROMEDRIVER naming them; found chromium: "
					+ chromium.map(Path::toString).orElse("no") + ", chromedriver: "
					+ chromedriver.map(Path::toString).orElse("no");
			if ("required".equalsIgnoreCase(System.getenv(REQUIRED))) {
				throw new IllegalStateException(missing + " (" + REQUIRED + "=required)");
			}
			// Surefire reports a class aborted before its first test as nothing run, and drops the reason: say it here.
			System.out.println("Skipping the browser tests. " + missing);
			Assumptions.abort(missing);
		}
		System.setProperty("webdriver.chrome.driver", chromedriver.get().toString());
		System.setProperty("se.offline", "true");
		var options = new ChromeOptions();
		options.setBinary(chromium.get().toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
				"--lang=en-GB", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
				"--disable-background-networking", "--disable-component-update", "--disable-sync");
		var logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		var service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.get().toFile()).build();
		return new ChromeDriver(service, options);
	}

	/**
	 * Answers the browser's https requests with a small PNG: the pages show avatars from the platforms' servers
	 * (https URLs in the fixtures, on hosts that do not exist; the application is on http), and a test must neither
	 * reach the internet nor show broken images. Only https requests are paused, through the DevTools protocol's
	 * version-independent commands, so the application's pages and uploads go untouched.
	 */
	static DevTools servePlatformImages(ChromeDriver browser) {
		var png = Base64.getEncoder().encodeToString(avatar());
		var devTools = browser.getDevTools();
		devTools.createSessionIfThereIsNotOne();
		devTools.addListener(new Event<>("Fetch.requestPaused", input -> input.<Map<String, Object>>read(Json.MAP_TYPE)),
				paused -> devTools.send(new Command<>("Fetch.fulfillRequest", Map.of("requestId", paused.get("requestId"),
						"responseCode", 200, "responseHeaders", List.of(Map.of("name", "Content-Type", "value", "image/png")),
						"body", png))));
		devTools.send(new Command<>("Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", "https://*")))));
		return devTools;
	}

	/** A watchtower on blue, drawn rather than stored. */
	private static byte[] avatar() {
		var image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setColor(new Color(0x1f4fd1));
			g.fillRect(0, 0, 128, 128);
			g.setColor(Color.WHITE);
			g.fillPolygon(new int[] { 44, 84, 76, 52 }, new int[] { 110, 110, 52, 52 }, 4);
			g.fillRect(40, 36, 48, 14);
			g.fillPolygon(new int[] { 36, 64, 92 }, new int[] { 36, 14, 36 }, 3);
			g.setColor(new Color(0xf5b800));
			g.fillRect(56, 40, 16, 8);
		}
		finally {
			g.dispose();
		}
		var out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** The executable an environment variable names, else the first of the candidates that exists or is on the PATH. */
	private static Optional<Path> find(String variable, String... candidates) {
		var named = System.getenv(variable);
		if (named != null && !named.isBlank()) {
			return Optional.of(Path.of(named)).filter(Files::isExecutable);
		}
		var path = System.getenv().getOrDefault("PATH", "");
		for (var candidate : candidates) {
			if (candidate.startsWith("/")) {
				if (Files.isExecutable(Path.of(candidate))) {
					return Optional.of(Path.of(candidate));
				}
				continue;
			}
			var found = Arrays.stream(path.split(":")).filter(dir -> !dir.isEmpty())
				.map(dir -> Path.of(dir, candidate)).filter(Files::isExecutable).findFirst();
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

}
