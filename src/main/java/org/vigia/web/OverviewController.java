package org.vigia.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.overview.Overview;

/** Per organization and unit: accounts by health and platform, open findings, ownership, silence. */
@RestController
class OverviewController {

	private final Overview overview;

	OverviewController(Overview overview) {
		this.overview = overview;
	}

	@GetMapping("/api/overview")
	Overview.Report overview() {
		return overview.report();
	}

}
