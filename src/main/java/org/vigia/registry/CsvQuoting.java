package org.vigia.registry;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.Message;

/**
 * Reads one record of a CSV file the way RFC 4180 (and Commons CSV with it) does, to say where its quoting breaks.
 * Commons CSV notices a broken quote only where its reading ends, lines or the whole file later: an editor needs the
 * line where the broken record starts, and the field whose quote is at fault.
 */
final class CsvQuoting {

	/**
	 * What is wrong with a record.
	 * @param field the index of the field whose quote is at fault
	 * @param message what is wrong, for a person
	 */
	record Problem(int field, Message message) {
	}

	/**
	 * One record read.
	 * @param end the offset just past the record and its line break
	 * @param problem what breaks its quoting, null when nothing does
	 */
	record Scan(int end, @Nullable Problem problem) {
	}

	private CsvQuoting() {
	}

	/** Reads the record that starts at this offset. */
	static Scan record(String text, int start) {
		int n = text.length();
		int i = start;
		int field = 0;
		while (true) {
			if (i < n && text.charAt(i) == '"') {
				int opened = i++;
				while (true) {
					if (i >= n) {
						return new Scan(n, new Problem(field, Message.of("import.csv.neverClosed")));
					}
					if (text.charAt(i) == '"') {
						if (i + 1 < n && text.charAt(i + 1) == '"') {
							i += 2;
							continue;
						}
						i++;
						break;
					}
					i++;
				}
				if (i >= n) {
					return new Scan(n, null);
				}
				char after = text.charAt(i);
				if (after != ',' && after != '\r' && after != '\n') {
					return new Scan(n, new Problem(field, stray(text, opened, i - 1, after)));
				}
			}
			else {
				while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
					i++;
				}
				if (i >= n) {
					return new Scan(n, null);
				}
			}
			char c = text.charAt(i);
			if (c == ',') {
				i++;
				field++;
				continue;
			}
			int end = (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? i + 2 : i + 1;
			return new Scan(end, null);
		}
	}

	private static Message stray(String text, int opened, int closed, char after) {
		var shown = (after == ' ') ? Message.of("import.csv.space")
				: (Character.isISOControl(after) || Character.isWhitespace(after))
						? Message.of("import.csv.character", "U+%04X".formatted((int) after))
						: Message.of("import.csv.character", "'" + after + "'");
		int openedOn = line(text, opened);
		int closedOn = line(text, closed);
		if (openedOn == closedOn) {
			return Message.of("import.csv.stray", shown);
		}
		return Message.of("import.csv.runsOn", closedOn, shown);
	}

	/** The line of an offset as an editor counts it: the first line is 1; CR LF, LF and a lone CR end a line. */
	static int line(String text, int offset) {
		int line = 1;
		for (int i = 0; i < offset && i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
				line++;
			}
		}
		return line;
	}

}
