package org.vigia.web;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.health.Guideline;
import org.vigia.health.Guidelines;

/** An organization's guidelines for its accounts' profiles (GUIDELINE findings). */
@RestController
@RequestMapping("/api/organizations/{id}/guidelines")
class GuidelineController {

	/** The body of PUT: every rule, off when left out. */
	record GuidelineRequest(@Nullable Boolean displayNameContainsName, @Nullable Boolean officialLink,
			@Nullable Boolean avatar, @Nullable String handlePattern) {
	}

	private final Guidelines guidelines;

	GuidelineController(Guidelines guidelines) {
		this.guidelines = guidelines;
	}

	@GetMapping
	Guideline get(@PathVariable long id) {
		return guidelines.get(id);
	}

	@PutMapping
	Guideline put(@PathVariable long id, @RequestBody GuidelineRequest request) {
		return guidelines.set(id, Boolean.TRUE.equals(request.displayNameContainsName()),
				Boolean.TRUE.equals(request.officialLink()), Boolean.TRUE.equals(request.avatar()), request.handlePattern());
	}

	/** Back to the configured defaults. */
	@DeleteMapping
	Guideline reset(@PathVariable long id) {
		return guidelines.reset(id);
	}

}
