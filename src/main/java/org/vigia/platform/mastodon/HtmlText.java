package org.vigia.platform.mastodon;

import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Mastodon's HTML (bios, field values) as the plain text a reader sees: line breaks kept, paragraphs separated by a
 * blank line, links written out in full (Mastodon hides "https://www." in an invisible span, but it is part of the
 * link a guideline check compares).
 */
final class HtmlText {

	private static final Pattern SPACE_BEFORE_BREAK = Pattern.compile("[ \\t]+\\n");

	private static final Pattern SPACE_AFTER_BREAK = Pattern.compile("\\n[ \\t]+");

	private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

	private HtmlText() {
	}

	static String of(String html) {
		var text = new StringBuilder();
		Jsoup.parseBodyFragment(html).body().traverse(new NodeVisitor() {

			@Override
			public void head(Node node, int depth) {
				if (node instanceof TextNode textNode) {
					text.append(textNode.text());
				}
				else if (node instanceof Element element && element.normalName().equals("br")) {
					text.append('\n');
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element element && element.isBlock() && !text.isEmpty()) {
					text.append("\n\n");
				}
			}

		});
		var cleaned = SPACE_BEFORE_BREAK.matcher(text).replaceAll("\n");
		cleaned = SPACE_AFTER_BREAK.matcher(cleaned).replaceAll("\n");
		return BLANK_LINES.matcher(cleaned).replaceAll("\n\n").strip();
	}

}
