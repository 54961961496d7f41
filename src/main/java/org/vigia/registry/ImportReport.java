package org.vigia.registry;

import java.util.List;

/**
 * What an import did, or would do on a dry run: accounts created, updated and unchanged, the organizations and units it
 * created on the way, and every error found (when there is any, nothing was written).
 */
public record ImportReport(boolean dryRun, int created, int updated, int unchanged, int organizationsCreated,
		int unitsCreated, List<ImportError> errors) {

	public ImportReport {
		errors = List.copyOf(errors);
	}

	static ImportReport rejected(boolean dryRun, List<ImportError> errors) {
		return new ImportReport(dryRun, 0, 0, 0, 0, 0, errors);
	}

}
