package org.vigia.web.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vigia.health.AccountDirectory;
import org.vigia.health.Overview;

/** The overview: how the institution stands, in ten seconds. */
@Controller
class OverviewPage {

	/** One organization's unit × network matrix. */
	record Matrix(long organizationId, List<String> platforms, List<MatrixRow> rows) {
	}

	/** One unit's row: accounts and owned accounts per platform, in the matrix's column order. */
	record MatrixRow(@Nullable Long unitId, String unit, List<Cell> cells) {
	}

	record Cell(long accounts, long owned) {
	}

	private final Overview overview;

	OverviewPage(Overview overview) {
		this.overview = overview;
	}

	/**
	 * With one organization, or one chosen, its summary and unit × network matrix; with several, the summary of all of
	 * them and a table with a row per organization (a network of 500 institutions stays one short page).
	 */
	@GetMapping("/")
	String overview(@RequestParam(required = false) @Nullable Long organizationId, Model model) {
		var report = overview.report();
		model.addAttribute("section", "overview");
		model.addAttribute("report", report);
		model.addAttribute("states", AccountDirectory.STATES);
		var chosen = report.organizations().stream()
			.filter(org -> (organizationId != null) ? organizationId.equals(org.id()) : report.organizations().size() == 1)
			.findFirst()
			.orElse(null);
		model.addAttribute("organization", chosen);
		model.addAttribute("matrix", (chosen != null) ? matrix(chosen) : null);
		return "overview";
	}

	private Matrix matrix(Overview.Group organization) {
		var platforms = new TreeSet<String>();
		Map<Long, Map<String, Cell>> cells = new HashMap<>();
		Map<String, Cell> noUnit = new HashMap<>();
		for (var entry : overview.coverage(organization.id())) {
			platforms.add(entry.platform());
			var cell = new Cell(entry.accounts(), entry.owned());
			if (entry.unitId() == null) {
				noUnit.put(entry.platform(), cell);
			}
			else {
				cells.computeIfAbsent(entry.unitId(), id -> new HashMap<>()).put(entry.platform(), cell);
			}
		}
		var columns = List.copyOf(platforms);
		var rows = new ArrayList<MatrixRow>();
		for (var unit : organization.units()) {
			var byPlatform = (unit.id() == null) ? noUnit : cells.getOrDefault(unit.id(), Map.of());
			rows.add(new MatrixRow(unit.id(), unit.name(),
					columns.stream().map(p -> byPlatform.getOrDefault(p, new Cell(0, 0))).toList()));
		}
		return new Matrix(organization.id(), columns, rows);
	}

}
