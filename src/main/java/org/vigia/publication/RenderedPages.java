package org.vigia.publication;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Locale;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Organizations' public pages as last rendered, per page, organization and language, with the version of the
 * directory each shows: a page is rendered again only when its directory changed. The least recently read pages go
 * first once the pages kept pass {@code capacity} characters.
 */
final class RenderedPages {

	/** 32 million characters (Latin-1 pages take a byte each): every directory page of 300 organizations of 333 accounts. */
	static final long DEFAULT_CAPACITY = 32L * 1024 * 1024;

	/** Renders a page. */
	@FunctionalInterface
	interface Renderer {

		String render() throws Exception;

	}

	private record Rendered(String version, String html) {
	}

	private final long capacity;

	private long size;

	private final LinkedHashMap<String, Rendered> pages = new LinkedHashMap<>(64, 0.75f, true);

	RenderedPages(long capacity) {
		this.capacity = capacity;
	}

	/** The page for this version of the directory, rendered now if it is not kept. */
	String get(String view, long organizationId, Locale locale, String version, Renderer renderer) throws Exception {
		var key = view + " " + organizationId + " " + locale.toLanguageTag();
		synchronized (this) {
			var kept = pages.get(key);
			if (kept != null && kept.version().equals(version)) {
				return kept.html();
			}
		}
		// Rendered outside the lock: two visitors may render the same page at once, and both get it right.
		var html = renderer.render();
		synchronized (this) {
			var previous = pages.put(key, new Rendered(version, html));
			size += html.length() - ((previous != null) ? previous.html().length() : 0);
			var eldest = pages.entrySet().iterator();
			while (size > capacity && eldest.hasNext()) {
				var entry = eldest.next();
				if (entry.getKey().equals(key)) {
					continue;
				}
				size -= entry.getValue().html().length();
				eldest.remove();
			}
		}
		return html;
	}

	/** What a view writes, kept as text instead of sent; headers still go to the response. */
	static final class Capture extends HttpServletResponseWrapper {

		private final StringWriter text = new StringWriter();

		private final PrintWriter writer = new PrintWriter(text);

		Capture(HttpServletResponse response) {
			super(response);
		}

		@Override
		public PrintWriter getWriter() {
			return writer;
		}

		@Override
		public ServletOutputStream getOutputStream() {
			throw new UnsupportedOperationException("A rendered page is text");
		}

		@Override
		public void setContentType(String type) {
			// The controller sets the page's type when it sends it.
		}

		@Override
		public void setCharacterEncoding(String charset) {
		}

		@Override
		public void setContentLength(int length) {
		}

		@Override
		public void setContentLengthLong(long length) {
		}

		@Override
		public void flushBuffer() {
			writer.flush();
		}

		@Override
		public boolean isCommitted() {
			return false;
		}

		@Override
		public void resetBuffer() {
			writer.flush();
			text.getBuffer().setLength(0);
		}

		String text() {
			writer.flush();
			return text.toString();
		}

	}

}
