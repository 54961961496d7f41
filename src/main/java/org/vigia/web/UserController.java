package org.vigia.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.vigia.people.Grant;
import org.vigia.people.People;
import org.vigia.people.Person;
import org.vigia.people.Source;

/**
 * The people who use Vigía, for administrators: list, create, change (name, address, enabled, grants, a new
 * password), disable. Never a password.
 */
@RestController
@RequestMapping("/api/users")
class UserController {

	/** A person as the API shows it. */
	record UserView(long id, String username, @Nullable String displayName, @Nullable String email, boolean enabled,
			Source source, boolean service, List<Grant> grants) {

		static UserView of(Person person) {
			return new UserView(person.id(), person.username(), person.displayName(), person.email(), person.enabled(),
					person.source(), person.service(), person.grants());
		}

	}

	/** A new person: a password of at least 12 characters unless it is a service user, which only uses tokens. */
	record NewUser(String username, @Nullable String displayName, @Nullable String email, @Nullable String password,
			@Nullable Boolean service, @Nullable List<Grant> grants) {
	}

	/** What to change; absent fields stay as they are. {@code password} sets a new one. */
	record UserChanges(@Nullable String displayName, @Nullable String email, @Nullable Boolean enabled,
			@Nullable List<Grant> grants, @Nullable String password) {
	}

	private final People people;

	UserController(People people) {
		this.people = people;
	}

	@GetMapping
	List<UserView> list() {
		return people.list().stream().map(UserView::of).toList();
	}

	@GetMapping("/{id}")
	UserView get(@PathVariable long id) {
		return UserView.of(people.get(id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	UserView create(@RequestBody NewUser user) {
		return UserView.of(people.create(new People.NewPerson(user.username(), user.displayName(), user.email(),
				user.password(), Boolean.TRUE.equals(user.service()), user.grants() == null ? List.of() : user.grants())));
	}

	@PutMapping("/{id}")
	UserView update(@PathVariable long id, @RequestBody UserChanges changes) {
		if (changes.password() != null) {
			people.resetPassword(id, changes.password());
		}
		return UserView.of(people.update(id,
				new People.Changes(changes.displayName(), changes.email(), changes.enabled(), changes.grants())));
	}

	/** Disables: the person can no longer sign in nor use its tokens, and stays in the audit trail. */
	@DeleteMapping("/{id}")
	UserView disable(@PathVariable long id) {
		return UserView.of(people.disable(id));
	}

}
