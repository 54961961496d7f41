package org.vigia.platform;

import java.util.Locale;

/**
 * Text a platform supplied (display names, handles, bios), made fit to quote on one line of a finding's summary, a
 * mail's subject or a mail's body. Whoever names an account chooses these characters: a line break followed by
 * {@code Bcc: ...} would otherwise become a line of its own in a mail, and a right-to-left override would make
 * {@code exe.pdf} read as {@code fdp.exe}.
 */
public final class PlatformText {

	private PlatformText() {
	}

	/**
	 * The text on one line: every run of line breaks (CR, LF, U+2028, U+2029) and other control characters (C0, DEL,
	 * C1), with the spaces around it, becomes one space, and the ends are trimmed; bidirectional overrides,
	 * embeddings and isolates (U+202A to U+202E, U+2066 to U+2069) are shown as {@code <U+202E>} rather than obeyed.
	 * Everything else, accents, emoji and right-to-left letters included, is kept.
	 */
	public static String oneLine(String text) {
		var line = new StringBuilder(text.length());
		boolean breaking = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (breaks(c)) {
				breaking = true;
				continue;
			}
			if (breaking) {
				if (c == ' ') {
					continue;
				}
				trimEnd(line);
				line.append(' ');
				breaking = false;
			}
			if (reorders(c)) {
				line.append("<U+").append(Integer.toHexString(c).toUpperCase(Locale.ROOT)).append('>');
			}
			else {
				line.append(c);
			}
		}
		return line.toString().strip();
	}

	/** Whether the character ends a line or is some other control character. */
	private static boolean breaks(char c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
	}

	/** Whether the character changes the direction of the text around it until it is closed. */
	private static boolean reorders(char c) {
		return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
	}

	private static void trimEnd(StringBuilder line) {
		while (!line.isEmpty() && line.charAt(line.length() - 1) == ' ') {
			line.setLength(line.length() - 1);
		}
	}

}
