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
import org.vigia.polling.PollRun;
import org.vigia.polling.PollRuns;

/** Poll runs through the API: start one over some or all accounts, follow its progress, list the last ones. */
@RestController
@RequestMapping("/api/poll-runs")
class PollRunController {

	/** The body of POST /api/poll-runs: the accounts to check, or none for every active account. */
	record PollRunRequest(@Nullable List<Long> accountIds) {
	}

	private final PollRuns runs;

	private final Sentences sentences;

	PollRunController(PollRuns runs, Sentences sentences) {
		this.runs = runs;
		this.sentences = sentences;
	}

	/** Starts a run now; answers 202 with the run, whose progress GET /api/poll-runs/{id} reports. */
	@PostMapping
	ResponseEntity<PollRun> start(@RequestBody(required = false) @Nullable PollRunRequest request) {
		var run = runs.start(request == null ? null : request.accountIds());
		return ResponseEntity.accepted().location(URI.create("/api/poll-runs/" + run.id())).body(sentences.run(run));
	}

	@GetMapping("/{id}")
	PollRun get(@PathVariable long id) {
		return sentences.run(runs.get(id));
	}

	@GetMapping
	PagedModel<PollRun> list(@PageableDefault(size = 20) Pageable pageable) {
		return new PagedModel<>(runs.list(pageable).map(sentences::run));
	}

}
