package org.vigia.web.pages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.vigia.overview.AccountDirectory;
import org.vigia.health.FindingType;
import org.vigia.overview.Overview;
import org.vigia.health.Severity;
import org.vigia.recertification.Rounds;

/** The overview: how the institution stands, in ten seconds. */
@Controller
class OverviewPage {

	/** One organization's unit × network matrix. */
	record Matrix(long organizationId, List<String> platforms, List<MatrixRow> rows, Map<String, String> labels) {
	}

	/**
	 * One unit's row: accounts and owned accounts per platform, in the matrix's column order.
	 * @param recertified the unit's share recertified in the current round, null when none of its accounts was asked
	 */
	record MatrixRow(@Nullable Long unitId, String unit, List<Cell> cells, @Nullable Recertified recertified) {
	}

	/** Of the active accounts asked about in the current recertification round, how many were answered for. */
	record Recertified(int asked, int answered) {

		/** The share, 0 to 1, for the pages' percent format. */
		public double share() {
			return (asked == 0) ? 0 : (double) answered / asked;
		}

		Recertified plus(Rounds.Share share) {
			return new Recertified(asked + share.asked(), answered + share.answered());
		}

	}

	/** @param manyByDesign whether the unit runs many accounts by design: several on one network are no anomaly */
	record Cell(long accounts, long owned, boolean manyByDesign) {
	}

	/** How many organizations the overview lists before a person asks for all of them. */
	static final int TOP = 20;

	/** Organizations per page when all of them are listed. */
	static final int ALL_PAGE_SIZE = 50;

	/** The organizations table: the rows shown, and how they were chosen. */
	record OrganizationTable(List<Overview.Group> rows, int total, boolean all, @Nullable String query, int page,
			int pages) {
	}

	private final Overview overview;

	private final Rounds rounds;

	OverviewPage(Overview overview, Rounds rounds) {
		this.overview = overview;
		this.rounds = rounds;
	}

	/**
	 * With one organization, or one chosen, its summary and unit × network matrix; with several, the summary of all of
	 * them and the organizations that need attention first (most open HIGH findings), or, when asked, all of them a
	 * page at a time, filtered by name: a network of 500 institutions stays a page read in ten seconds, and rendered in
	 * a few milliseconds.
	 */
	@GetMapping("/")
	String overview(@RequestParam(required = false) @Nullable Long organizationId,
			@RequestParam(defaultValue = "false") boolean all, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "0") int page, Model model) {
		var report = overview.summary();
		var table = table(report.organizations(), all || (q != null && !q.isBlank()), q, page);
		model.addAttribute("table", table);
		// Counted here, once per row shown, rather than summed by the template.
		var highs = new HashMap<@Nullable Long, Long>();
		var opens = new HashMap<@Nullable Long, Long>();
		table.rows().forEach(org -> {
			highs.put(org.id(), openHigh(org));
			opens.put(org.id(), open(org));
		});
		// The share recertified in each organization's current round, and over all of them (the null key).
		// Only the organizations of the report: those the person may see.
		var shown = report.organizations().stream().map(Overview.Group::id).collect(java.util.stream.Collectors.toSet());
		var shares = rounds.shares().stream().filter(share -> shown.contains(share.organizationId())).toList();
		var recertified = new HashMap<@Nullable Long, Recertified>();
		for (var share : shares) {
			recertified.merge(share.organizationId(), new Recertified(share.asked(), share.answered()),
					(a, b) -> new Recertified(a.asked() + b.asked(), a.answered() + b.answered()));
			recertified.put(null, recertified.getOrDefault(null, new Recertified(0, 0)).plus(share));
		}
		model.addAttribute("recertified", recertified);
		model.addAttribute("highs", highs);
		model.addAttribute("opens", opens);
		model.addAttribute("section", "overview");
		model.addAttribute("report", report);
		model.addAttribute("states", AccountDirectory.STATES);
		// The summary has no units: the organization shown alone is read again with them, for its matrix.
		var chosen = report.organizations().stream()
			.filter(org -> (organizationId != null) ? organizationId.equals(org.id()) : report.organizations().size() == 1)
			.findFirst()
			.map(org -> overview.organization(org.id()))
			.orElse(null);
		model.addAttribute("organization", chosen);
		model.addAttribute("matrix", (chosen != null) ? matrix(chosen, shares) : null);
		return "overview";
	}

	static OrganizationTable table(List<Overview.Group> organizations, boolean all, @Nullable String query,
			int page) {
		if (!all) {
			var top = organizations.stream()
				.sorted(Comparator.comparingLong(OverviewPage::openHigh)
					.thenComparingLong(OverviewPage::open)
					.reversed()
					.thenComparing(Overview.Group::name))
				.limit(TOP)
				.toList();
			return new OrganizationTable(top, organizations.size(), false, null, 0, 1);
		}
		var text = (query == null) ? "" : query.strip().toLowerCase(Locale.ROOT);
		var matching = text.isEmpty() ? organizations
				: organizations.stream().filter(org -> org.name().toLowerCase(Locale.ROOT).contains(text)).toList();
		int pages = Math.max(1, (matching.size() + ALL_PAGE_SIZE - 1) / ALL_PAGE_SIZE);
		int number = Math.clamp(page, 0, pages - 1);
		var rows = matching.subList(number * ALL_PAGE_SIZE, Math.min(matching.size(), (number + 1) * ALL_PAGE_SIZE));
		return new OrganizationTable(List.copyOf(rows), matching.size(), true, text.isEmpty() ? null : query.strip(),
				number, pages);
	}

	/** Open findings of HIGH severity: what the table puts first. */
	static long openHigh(Overview.Group group) {
		return group.openFindings()
			.entrySet()
			.stream()
			.filter(e -> FindingType.valueOf(e.getKey()).severity() == Severity.HIGH)
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	static long open(Overview.Group group) {
		return group.openFindings().values().stream().mapToLong(Long::longValue).sum();
	}

	private Matrix matrix(Overview.Group organization, List<Rounds.Share> shares) {
		var byUnit = new HashMap<@Nullable Long, Recertified>();
		shares.stream().filter(share -> share.organizationId() == organization.id())
			.forEach(share -> byUnit.put(share.unitId(), new Recertified(share.asked(), share.answered())));
		var platforms = new TreeSet<String>();
		Map<Long, Map<String, Cell>> cells = new HashMap<>();
		Map<String, Cell> noUnit = new HashMap<>();
		for (var entry : overview.coverage(organization.id())) {
			platforms.add(entry.platform());
			var cell = new Cell(entry.accounts(), entry.owned(), entry.manyByDesign());
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
					columns.stream().map(p -> byPlatform.getOrDefault(p, new Cell(0, 0, false))).toList(),
					byUnit.get(unit.id())));
		}
		// Each network by its name ("Bluesky", "RSS/Atom"), not its code.
		var labels = new HashMap<String, String>();
		for (var platform : org.vigia.platform.Platform.values()) {
			labels.put(platform.id(), platform.label());
		}
		columns.forEach(column -> labels.putIfAbsent(column, column));
		return new Matrix(organization.id(), columns, rows, Map.copyOf(labels));
	}

}
