package org.vigia.registry;

/**
 * Keeps exported cells from turning into formulas when a spreadsheet opens the file. A cell that begins with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is a formula to Excel, LibreOffice and Google
 * Sheets ({@code =HYPERLINK(...)}, {@code +cmd|...}); a leading apostrophe makes it text. Import takes exactly that
 * apostrophe off again, so that importing an export changes nothing, YouTube's {@code @handle} included.
 */
final class SpreadsheetCells {

	private SpreadsheetCells() {
	}

	/**
	 * The cell as exported: an apostrophe before a value that would start a formula. Values whose formula start
	 * follows apostrophes already get one more, so that {@link #imported} gives every value back as it was.
	 */
	static String exported(String value) {
		return startsFormula(value, 0) ? "'" + value : value;
	}

	/** The value of an imported cell: without the apostrophe {@link #exported} put before a formula start. */
	static String imported(String cell) {
		return (cell.startsWith("'") && startsFormula(cell, 1)) ? cell.substring(1) : cell;
	}

	/** Whether the text from this offset on, past any apostrophes, begins as a formula. */
	private static boolean startsFormula(String text, int from) {
		int i = from;
		while (i < text.length() && text.charAt(i) == '\'') {
			i++;
		}
		if (i >= text.length()) {
			return false;
		}
		char c = text.charAt(i);
		return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
	}

}
