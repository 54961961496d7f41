package org.vigia.platform.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import com.rometools.rome.io.impl.XmlFixerReader;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;
import org.vigia.platform.adapter.Answers;
import org.vigia.platform.Message;
import org.vigia.platform.adapter.Calls;

/**
 * Turns a feed answer into a ROME feed without trusting it.
 * <p>
 * The parser never reads a DOCTYPE: ROME's {@code disallow-doctype-decl} stays on, so no DTD is fetched and no entity
 * is declared, external or internal (XXE, billion laughs). Some honest feeds still open with a DOCTYPE that only
 * names an external DTD, like RSS 0.91's Netscape DTD; since that DTD would never be read anyway, such a declaration
 * is cut from the text before parsing, which changes nothing about what is parsed. A DOCTYPE with an internal subset
 * is where entities are declared, and is refused outright.
 */
final class FeedParser {

	private FeedParser() {
	}

	static SyndFeed parse(byte[] body, @Nullable String contentType, String url) throws UnreadableFeedException {
		if (body.length == 0) {
			throw new UnreadableFeedException(Message.of("check.feed.empty"));
		}
		var text = decode(body, contentType);
		var prolog = Prolog.of(text);
		if (prolog.internalSubset()) {
			throw new UnreadableFeedException(Message.of("check.feed.entities"));
		}
		if (prolog.root() == null) {
			throw new UnreadableFeedException((contentType == null) ? Message.of("check.feed.notXml")
					: Message.of("check.feed.notXml.typed", contentType));
		}
		if (prolog.root().equalsIgnoreCase("html")) {
			throw new UnreadableFeedException(htmlPage(text, url));
		}
		return build(prolog.withoutDoctype(text), prolog.root());
	}

	/** Parses with every DOCTYPE refused: the last line of defence should the prolog check ever miss one. */
	static SyndFeed build(String xml, String root) throws UnreadableFeedException {
		var builder = BUILDERS.poll();
		if (builder == null) {
			builder = secureBuilder();
		}
		try {
			// ROME's own entry point makes a new XML parser for every feed; a pooled one costs a fraction of it.
			var document = builder.build(new XmlFixerReader(new StringReader(xml)));
			return new SyndFeedInput().build(document);
		}
		catch (JDOMException | IOException ex) {
			throw new UnreadableFeedException(Message.of("check.feed.malformed", Calls.detail(ex.getMessage())));
		}
		catch (IllegalArgumentException ex) {
			// ROME's way of saying no parser knows the root element.
			throw new UnreadableFeedException(Message.of("check.feed.root", root));
		}
		catch (FeedException ex) {
			throw new UnreadableFeedException(Message.of("check.feed.malformed", Calls.detail(ex.getMessage())));
		}
		finally {
			BUILDERS.offer(builder);
		}
	}

	/** Parsers are not thread-safe, and costly to make: each is used by one check at a time, then returned. */
	private static final Queue<SAXBuilder> BUILDERS = new ConcurrentLinkedQueue<>();

	private static SAXBuilder secureBuilder() {
		// The settings of ROME's WireFeedInput with allowDoctypes false: no DOCTYPE, no entity, no external DTD.
		var builder = new SAXBuilder(XMLReaders.NONVALIDATING);
		builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
		builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
		builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
		builder.setFeature("http://javax.xml.XMLConstants/feature/secure-processing", true);
		builder.setExpandEntities(false);
		builder.setReuseParser(true);
		return builder;
	}

	private static String decode(byte[] body, @Nullable String contentType) throws UnreadableFeedException {
		var bytes = new ByteArrayInputStream(body);
		// XmlReader weighs the Content-Type charset, the byte order mark and the XML declaration as RFC 3023 says.
		try (var reader = (contentType != null) ? new XmlReader(bytes, contentType, true)
				: new XmlReader(bytes, true)) {
			var text = new StringWriter(body.length);
			reader.transferTo(text);
			return text.toString();
		}
		catch (IOException ex) {
			throw new UnreadableFeedException(Message.of("check.feed.encoding", Calls.detail(ex.getMessage())));
		}
	}

	private static Message htmlPage(String text, String url) {
		var announced = Jsoup.parse(text, url)
			.select("link[rel~=(?i)alternate][type~=(?i)(rss|atom)][href]")
			.stream()
			.map((link) -> Answers.webLink(link.attr("abs:href"), url))
			.filter((link) -> link != null)
			.findFirst();
		return announced.map((link) -> Message.of("check.feed.html.announced", link))
			.orElse(Message.of("check.feed.html"));
	}

	/**
	 * What comes before the root element.
	 * @param root the root element's name, null when the text has none where XML would
	 * @param doctypeStart where a DOCTYPE declaration starts, or -1
	 * @param doctypeEnd where it ends (exclusive), or -1
	 * @param internalSubset whether the DOCTYPE has an internal subset ({@code [...]}), where entities are declared
	 */
	record Prolog(@Nullable String root, int doctypeStart, int doctypeEnd, boolean internalSubset) {

		private static final int SUBSET = -2;

		static Prolog of(String text) {
			int doctypeStart = -1;
			int doctypeEnd = -1;
			int i = 0;
			while (i < text.length()) {
				var c = text.charAt(i);
				if (c == '\uFEFF' || Character.isWhitespace(c)) {
					i++;
				}
				else if (text.startsWith("<?", i)) {
					i = after(text, "?>", i + 2);
				}
				else if (text.startsWith("<!--", i)) {
					i = after(text, "-->", i + 4);
				}
				else if (text.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
					var end = doctypeEnd(text, i + 9);
					if (end == SUBSET) {
						return new Prolog(null, i, -1, true);
					}
					if (end < 0) {
						break;
					}
					doctypeStart = i;
					doctypeEnd = end;
					i = end;
				}
				else {
					return new Prolog((c == '<') ? name(text, i + 1) : null, doctypeStart, doctypeEnd, false);
				}
				if (i < 0) {
					break;
				}
			}
			return new Prolog(null, doctypeStart, doctypeEnd, false);
		}

		String withoutDoctype(String text) {
			return (doctypeStart < 0) ? text : text.substring(0, doctypeStart) + text.substring(doctypeEnd);
		}

		private static int after(String text, String end, int from) {
			var at = text.indexOf(end, from);
			return (at < 0) ? -1 : at + end.length();
		}

		// The declaration ends at the first '>' outside quotes; a '[' outside quotes opens an internal subset.
		private static int doctypeEnd(String text, int from) {
			char quote = 0;
			for (int i = from; i < text.length(); i++) {
				var c = text.charAt(i);
				if (quote != 0) {
					if (c == quote) {
						quote = 0;
					}
				}
				else if (c == '"' || c == '\'') {
					quote = c;
				}
				else if (c == '[') {
					return SUBSET;
				}
				else if (c == '>') {
					return i + 1;
				}
			}
			return -1;
		}

		private static @Nullable String name(String text, int from) {
			var end = from;
			while (end < text.length() && !Character.isWhitespace(text.charAt(end))
					&& "/>".indexOf(text.charAt(end)) < 0) {
				end++;
			}
			var name = text.substring(from, end);
			return (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) ? null : name;
		}

	}

	/**
	 * A feed answer that cannot be read; the message says why, in words for the people who own the feed: in English
	 * for the log, and as a {@link Message} for the reader.
	 */
	static final class UnreadableFeedException extends Exception {

		private final transient Message reason;

		UnreadableFeedException(Message reason) {
			super(reason.english());
			this.reason = reason;
		}

		Message reason() {
			return reason;
		}

	}

}
