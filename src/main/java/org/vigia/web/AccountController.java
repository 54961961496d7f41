package org.vigia.web;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.overview.AccountHealth;
import org.vigia.platform.Platform;
import org.vigia.polling.AccountActivity;
import org.vigia.polling.AccountCheck;
import org.vigia.registry.AccountEntry;
import org.vigia.registry.AccountFilter;
import org.vigia.registry.AccountStatus;
import org.vigia.registry.Registry;

@RestController
@RequestMapping("/api/accounts")
class AccountController {

	private final Registry registry;

	private final AccountActivity activity;

	private final AccountHealth health;

	private final Sentences sentences;

	AccountController(Registry registry, AccountActivity activity, AccountHealth health, Sentences sentences) {
		this.registry = registry;
		this.activity = activity;
		this.health = health;
		this.sentences = sentences;
	}

	private AccountView view(AccountEntry entry) {
		var id = entry.account().id();
		var known = id == null ? null : health.of(List.of(id)).get(id);
		return AccountView.of(entry, known != null ? sentences.health(known) : AccountHealth.Health.unknown());
	}

	@GetMapping
	PagedModel<AccountView> list(@RequestParam(required = false) @Nullable Long organizationId,
			@RequestParam(required = false) @Nullable Long unitId,
			@RequestParam(required = false) @Nullable String platform,
			@RequestParam(required = false) @Nullable AccountStatus status,
			@RequestParam(required = false) @Nullable String q, @PageableDefault(size = 50, sort = "id") Pageable pageable) {
		Platform parsedPlatform = null;
		if (platform != null && !platform.isBlank()) {
			parsedPlatform = Platform.fromId(platform)
				.orElseThrow(() -> BadParameterException.platform("platform", platform));
		}
		var filter = new AccountFilter(organizationId, unitId, parsedPlatform, status, q);
		var page = registry.accounts(filter, pageable);
		var known = health.of(page.map(entry -> entry.account().id()).toSet());
		return new PagedModel<>(page.map(entry -> AccountView.of(entry,
				sentences.health(known.getOrDefault(entry.account().id(), AccountHealth.Health.unknown())))));
	}

	@GetMapping("/{id}")
	AccountView get(@PathVariable long id) {
		return view(registry.account(id));
	}

	/** The account's check history, newest first. */
	@GetMapping("/{id}/activity")
	PagedModel<AccountCheck> activity(@PathVariable long id, @PageableDefault(size = 50) Pageable pageable) {
		registry.account(id);
		return new PagedModel<>(activity.history(id, pageable).map(sentences::check));
	}

	@PostMapping
	ResponseEntity<AccountView> create(@RequestBody AccountRequest request) {
		var account = view(registry.register(request.input(), request.organizationId(), request.unitId()));
		return ResponseEntity.created(URI.create("/api/accounts/" + account.id())).body(account);
	}

	@PutMapping("/{id}")
	AccountView update(@PathVariable long id, @RequestBody AccountRequest request) {
		return view(registry.update(id, request.input(), request.organizationId(), request.unitId(), request.status()));
	}

	/** Archives: the account stops being watched and keeps its history. */
	@DeleteMapping("/{id}")
	AccountView archive(@PathVariable long id) {
		return view(registry.archive(id));
	}

}
