package org.vigia.web;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.discovery.DiscoveryRun;
import org.vigia.discovery.DiscoveryRuns;

/** Look-alike discovery runs through the API: start one over some or all organizations, follow it, list them. */
@RestController
@RequestMapping("/api/discovery-runs")
class DiscoveryRunController {

	/** The body of POST /api/discovery-runs: the organizations to examine, or none for every one with accounts. */
	record DiscoveryRunRequest(@Nullable List<Long> organizationIds) {
	}

	private final DiscoveryRuns runs;

	private final Sentences sentences;

	DiscoveryRunController(DiscoveryRuns runs, Sentences sentences) {
		this.runs = runs;
		this.sentences = sentences;
	}

	/** Starts a run now; answers 202 with the run, whose progress GET /api/discovery-runs/{id} reports. */
	@PostMapping
	ResponseEntity<DiscoveryRun> start(@RequestBody(required = false) @Nullable DiscoveryRunRequest request) {
		var run = runs.start(request == null ? null : request.organizationIds());
		return ResponseEntity.accepted().location(URI.create("/api/discovery-runs/" + run.id())).body(sentences.run(run));
	}

	@GetMapping("/{id}")
	DiscoveryRun get(@PathVariable long id) {
		return sentences.run(runs.get(id));
	}

	@GetMapping
	PagedModel<DiscoveryRun> list(@PageableDefault(size = 20) Pageable pageable) {
		return new PagedModel<>(runs.list(pageable).map(sentences::run));
	}

}
