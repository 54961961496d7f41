package org.vigia.web.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Saves full-page PNGs of the dashboard for the documentation (docs/dashboard.md), only when asked: {@code -Dvigia.screenshots=docs} (or the
 * environment variable {@code VIGIA_SCREENSHOTS}) names the folder; {@code docs/dashboard-screenshots.sh} does it.
 */
final class Screenshots {

	static final String PROPERTY = "vigia.screenshots";

	private static final int MAX_HEIGHT = 2400;

	private final @Nullable Path folder;

	private Screenshots(@Nullable Path folder) {
		this.folder = folder;
	}

	static Screenshots asConfigured() {
		var folder = System.getProperty(PROPERTY, System.getenv("VIGIA_SCREENSHOTS"));
		return new Screenshots((folder == null || folder.isBlank()) ? null : Path.of(folder));
	}

	boolean enabled() {
		return folder != null;
	}

	/** Saves the whole page now in the browser (up to 2400 CSS pixels high) as {@code dashboard-NAME.png}. */
	void take(ChromeDriver browser, String name) {
		save(browser, "dashboard-" + name);
	}

	/** Saves the whole page now in the browser as {@code FILE.png}, for pages that are not the dashboard's. */
	void save(ChromeDriver browser, String file) {
		if (folder == null) {
			return;
		}
		@SuppressWarnings("unchecked")
		var content = (Map<String, Object>) browser.executeCdpCommand("Page.getLayoutMetrics", Map.of())
			.get("cssContentSize");
		@SuppressWarnings("unchecked")
		var viewport = (Map<String, Object>) browser.executeCdpCommand("Page.getLayoutMetrics", Map.of())
			.get("cssLayoutViewport");
		double width = ((Number) viewport.get("clientWidth")).doubleValue();
		double height = Math.min(MAX_HEIGHT, ((Number) content.get("height")).doubleValue());
		var shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
				"clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
		try {
			Files.createDirectories(folder);
			Files.write(folder.resolve(file + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
