package org.vigia.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformAllowances;
import org.vigia.registry.Registry;

/**
 * The paid or limited allowances of the networks that have one: {@code GET /api/platforms/x/budget} (X's monthly
 * reads and what they cost) and {@code GET /api/platforms/youtube/budget} (YouTube's daily quota).
 */
@RestController
class PlatformBudgetController {

	private final PlatformAllowances allowances;

	private final Registry registry;

	PlatformBudgetController(PlatformAllowances allowances, Registry registry) {
		this.allowances = allowances;
		this.registry = registry;
	}

	@GetMapping("/api/platforms/{network}/budget")
	ResponseEntity<PlatformBudgets.BudgetView> budget(@PathVariable String network) {
		return Platform.fromId(network)
			.flatMap(allowances::of)
			.map((allowance) -> ResponseEntity.ok(PlatformBudgets.view(allowance, registry)))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
