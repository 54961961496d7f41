package org.vigia.registry;

import java.util.Map;

import org.vigia.common.VigiaException;

/** A registry CSV with at least one bad line: nothing was written, and the report lists every error. */
public class ImportRejectedException extends VigiaException {

	private final ImportReport report;

	ImportRejectedException(ImportReport report) {
		super("The registry file has " + report.errors().size() + " error(s); nothing was imported", "problem.importRejected",
				report.errors().size());
		this.report = report;
	}

	public ImportReport report() {
		return report;
	}

	@Override
	public Category category() {
		return Category.REJECTED;
	}

	@Override
	public String title() {
		return "Registry file rejected";
	}

	@Override
	public Map<String, Object> details() {
		return Map.of("dryRun", report.dryRun(), "errors", report.errors());
	}

}
