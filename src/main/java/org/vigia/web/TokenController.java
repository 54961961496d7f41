package org.vigia.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.people.ApiToken;
import org.vigia.people.ApiTokens;
import org.vigia.people.People;
import org.vigia.people.PersonNotFoundException;

/**
 * One's own API tokens (and, for administrators, a service user's with {@code userId}): list, create (the secret is in
 * the answer once, as {@code token}), revoke. A token that may only read cannot manage tokens.
 */
@RestController
@RequestMapping("/api/tokens")
class TokenController {

	/** A token as the API shows it: never its secret. */
	record TokenView(long id, String name, List<String> scopes, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt,
			Instant createdAt) {

		static TokenView of(ApiToken token) {
			return new TokenView(token.id(), token.name(), token.scopes(), token.expiresAt(), token.lastUsedAt(),
					token.createdAt());
		}

	}

	/** A token just created, with its secret as {@code token}: the only answer that has it. */
	record CreatedView(long id, String name, List<String> scopes, @Nullable Instant expiresAt,
			@Nullable Instant lastUsedAt, Instant createdAt, String token) {
	}

	/** A new token: a name, its scopes (read, write), an expiry if any, and the service user it is for if not oneself. */
	record NewToken(String name, @Nullable Set<String> scopes, @Nullable Instant expiresAt, @Nullable Long userId) {
	}

	private final ApiTokens tokens;

	private final People people;

	TokenController(ApiTokens tokens, People people) {
		this.tokens = tokens;
		this.people = people;
	}

	@GetMapping
	List<TokenView> list(@RequestParam(required = false) @Nullable Long userId, Authentication authentication) {
		return tokens.list(owner(userId, authentication)).stream().map(TokenView::of).toList();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	CreatedView create(@RequestBody NewToken token, Authentication authentication) {
		requireWriting(authentication);
		var created = tokens.create(owner(token.userId(), authentication), token.name(),
				token.scopes() == null ? Set.of("read") : token.scopes(), token.expiresAt(), authentication.getName());
		var view = created.token();
		return new CreatedView(view.id(), view.name(), view.scopes(), view.expiresAt(), view.lastUsedAt(),
				view.createdAt(), created.secret());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable long id, Authentication authentication) {
		requireWriting(authentication);
		var owner = tokens.owner(id).orElseThrow(() -> new PersonNotFoundException("token", id));
		if (owner != owner(owner, authentication)) {
			throw new PersonNotFoundException("token", id);
		}
		tokens.revoke(owner, id);
	}

	/**
	 * Whose tokens: one's own, or, for an administrator, a service user's. Anyone else's answer 404, as for a person
	 * who does not exist, so that nothing is revealed.
	 */
	private long owner(@Nullable Long userId, Authentication authentication) {
		var self = self(authentication);
		if (userId == null || userId == self) {
			return self;
		}
		boolean admin = authentication.getAuthorities()
			.stream()
			.anyMatch(authority -> authority.getAuthority().equals("ROLE_ADMIN"));
		if (admin && people.get(userId).service()) {
			return userId;
		}
		throw new PersonNotFoundException("user", userId);
	}

	private long self(Authentication authentication) {
		return people.find(authentication.getName()).orElseThrow(() -> new AccessDeniedException("Not a known person")).id();
	}

	private static void requireWriting(Authentication authentication) {
		if (authentication instanceof ApiTokenAuthentication token && !token.bearer().writes()) {
			throw new AccessDeniedException("A token that may only read cannot manage tokens");
		}
	}

}
