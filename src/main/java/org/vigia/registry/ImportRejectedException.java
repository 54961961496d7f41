package org.vigia.registry;

/** A registry CSV with at least one bad line: nothing was written, and the report lists every error. */
public class ImportRejectedException extends RuntimeException {

	private final ImportReport report;

	ImportRejectedException(ImportReport report) {
		super("The registry file has " + report.errors().size() + " error(s); nothing was imported");
		this.report = report;
	}

	public ImportReport report() {
		return report;
	}

}
