package org.vigia.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.vigia.platform.AccountAddress;
import org.vigia.platform.InvalidHandleException;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

/** Turns an {@link AccountInput} into a normalised account, or into the list of everything wrong with it. */
final class AccountInputs {

	/** An account input that passed every check; organization and unit are still names. */
	record Checked(@Nullable String organization, @Nullable String unit, AccountAddress address,
			@Nullable String displayName, @Nullable String contactEmail, @Nullable String purpose,
			@Nullable String language, @Nullable Integer maxSilenceDays, @Nullable String notes) {

		AccountDetails details(Long organizationId, @Nullable Long unitId) {
			return new AccountDetails(organizationId, unitId, address, displayName, contactEmail, purpose, language,
					maxSilenceDays, notes);
		}

	}

	/** A field and what is wrong with it. */
	record Problem(AccountField field, Message message) {
	}

	/** Either a checked account or its problems. */
	record Outcome(@Nullable Checked account, List<Problem> problems) {
	}

	private AccountInputs() {
	}

	/**
	 * Checks every field.
	 * @param organizationRequired whether a missing organization name is a problem (the API may give an id instead)
	 */
	static Outcome check(AccountInput input, boolean organizationRequired) {
		var problems = new ArrayList<Problem>();
		var organization = text(input.organization(), AccountField.ORGANIZATION, Inputs.MAX_NAME_LENGTH, problems);
		if (organization == null && organizationRequired) {
			problems.add(new Problem(AccountField.ORGANIZATION, Message.of("input.required")));
		}
		var unit = text(input.unit(), AccountField.UNIT, Inputs.MAX_NAME_LENGTH, problems);
		var address = address(input, problems);
		var displayName = text(input.displayName(), AccountField.DISPLAY_NAME, Inputs.MAX_NAME_LENGTH, problems);
		var contactEmail = parse(input.contactEmail(), AccountField.CONTACT_EMAIL, Inputs::email, problems);
		var purpose = text(input.purpose(), AccountField.PURPOSE, Inputs.MAX_TEXT_LENGTH, problems);
		var language = parse(input.language(), AccountField.LANGUAGE, Inputs::language, problems);
		var maxSilenceDays = parse(input.maxSilenceDays(), AccountField.MAX_SILENCE_DAYS, Inputs::maxSilenceDays,
				problems);
		var notes = text(input.notes(), AccountField.NOTES, Inputs.MAX_TEXT_LENGTH, problems);
		if (!problems.isEmpty() || address == null) {
			return new Outcome(null, problems);
		}
		return new Outcome(new Checked(organization, unit, address, displayName, contactEmail, purpose, language,
				maxSilenceDays, notes), List.of());
	}

	private static @Nullable AccountAddress address(AccountInput input, List<Problem> problems) {
		var platformId = Inputs.clean(input.platform());
		if (platformId == null) {
			problems.add(new Problem(AccountField.PLATFORM, Message.of("input.platform.required", Platforms.ids())));
			return null;
		}
		var platform = Platform.fromId(platformId).orElse(null);
		if (platform == null) {
			problems.add(new Problem(AccountField.PLATFORM,
					Message.of("input.platform.unknown", platformId, Platforms.ids())));
			return null;
		}
		var handle = Inputs.clean(input.handle());
		var url = Inputs.clean(input.url());
		if (handle == null && url == null) {
			problems.add(new Problem(AccountField.HANDLE, Message.of("handle.required")));
			return null;
		}
		try {
			return platform.resolve(handle, url);
		}
		catch (InvalidHandleException ex) {
			// Blame the column the user filled; when both were given and disagree, the url.
			var field = url != null && (handle == null || handleIsValid(platform, handle)) ? AccountField.URL
					: AccountField.HANDLE;
			problems.add(new Problem(field, ex.sentence()));
			return null;
		}
	}

	private static boolean handleIsValid(Platform platform, String handle) {
		try {
			platform.parse(handle);
			return true;
		}
		catch (InvalidHandleException ex) {
			return false;
		}
	}

	private static @Nullable String text(@Nullable String raw, AccountField field, int maxLength,
			List<Problem> problems) {
		var value = Inputs.clean(raw);
		if (value == null) {
			return null;
		}
		var problem = maxLength > Inputs.MAX_NAME_LENGTH ? Inputs.checkLongText(value, maxLength)
				: Inputs.checkText(value, maxLength);
		if (problem != null) {
			problems.add(new Problem(field, problem));
			return null;
		}
		return value;
	}

	private static <T> @Nullable T parse(@Nullable String raw, AccountField field, Function<String, T> parser,
			List<Problem> problems) {
		var value = Inputs.clean(raw);
		if (value == null) {
			return null;
		}
		try {
			return parser.apply(value);
		}
		catch (InvalidInputException ex) {
			problems.add(new Problem(field, ex.sentence()));
			return null;
		}
	}

}
