package org.vigia.web.pages;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.vigia.discovery.DiscoveryRun;
import org.vigia.discovery.DiscoveryRuns;
import org.vigia.polling.PollRun;
import org.vigia.polling.PollRuns;

/** Poll runs: the latest, newest first; check every account now; one run's progress, refreshed while it runs. */
@Controller
class RunsPage {

	static final int PAGE_SIZE = 20;

	/** Seconds between reloads of a running run's page. */
	static final int REFRESH_SECONDS = 3;

	/** Discovery runs shown under the poll runs. */
	static final int DISCOVERY_RUNS = 10;

	private final PollRuns runs;

	private final DiscoveryRuns discoveryRuns;

	RunsPage(PollRuns runs, DiscoveryRuns discoveryRuns) {
		this.runs = runs;
		this.discoveryRuns = discoveryRuns;
	}

	@GetMapping("/runs")
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		var result = runs.list(PageRequest.of(Math.max(0, page), PAGE_SIZE));
		model.addAttribute("section", "runs");
		model.addAttribute("page", result);
		model.addAttribute("discoveryRuns", discoveryRuns.list(PageRequest.of(0, DISCOVERY_RUNS)));
		var current = ServletUriComponentsBuilder.fromCurrentRequest();
		model.addAttribute("previousUrl",
				current.cloneBuilder().replaceQueryParam("page", result.getNumber() - 1).build().toUriString());
		model.addAttribute("nextUrl",
				current.cloneBuilder().replaceQueryParam("page", result.getNumber() + 1).build().toUriString());
		return "runs";
	}

	/** Starts a run over every active account and shows its progress. */
	@PostMapping("/runs")
	String start(RedirectAttributes redirect) {
		var run = runs.start(null);
		redirect.addFlashAttribute("started", true);
		return "redirect:/runs/" + run.id();
	}

	/** Starts a discovery run over every organization and shows its progress. */
	@PostMapping("/runs/discovery")
	String startDiscovery(RedirectAttributes redirect) {
		var run = discoveryRuns.start(null);
		redirect.addFlashAttribute("started", true);
		return "redirect:/runs/discovery/" + run.id();
	}

	@GetMapping("/runs/discovery/{id}")
	String discoveryRun(@PathVariable long id, Model model) {
		var run = discoveryRuns.get(id);
		model.addAttribute("section", "runs");
		model.addAttribute("run", run);
		if (run.status() == DiscoveryRun.Status.RUNNING) {
			model.addAttribute("refreshSeconds", REFRESH_SECONDS);
		}
		return "discovery-run";
	}

	@GetMapping("/runs/{id:\\d+}")
	String run(@PathVariable long id, Model model) {
		var run = runs.get(id);
		model.addAttribute("section", "runs");
		model.addAttribute("run", run);
		if (run.status() == PollRun.Status.RUNNING) {
			model.addAttribute("refreshSeconds", REFRESH_SECONDS);
		}
		return "run";
	}

}
