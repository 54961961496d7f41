package org.vigia.web.pages;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.vigia.health.Finding;
import org.vigia.health.FindingType;

/**
 * An IMPERSONATION or UNREGISTERED finding as people compare it: the official account and the candidate side by side,
 * the score with each reason and its points, and where the candidate was found. Everything in it comes from the
 * platforms and is shown as text; avatars only from https URLs.
 * @param rows facts compared, each with a message key for its label
 */
record LookalikeView(List<Row> rows, @Nullable String officialAvatar, @Nullable String candidateAvatar,
		@Nullable String officialUrl, @Nullable String candidateUrl, @Nullable Long officialAccountId,
		@Nullable Integer score, @Nullable Integer threshold, List<Reason> reasons, List<String> sources,
		@Nullable String proof, @Nullable String releasedHandle) {

	/**
	 * One fact of both accounts, as shown; a date's exact instant in its title.
	 * @param officialTitle the official value's exact form (an instant in ISO 8601), null when the shown value is it
	 */
	record Row(String label, @Nullable String official, @Nullable String candidate, @Nullable String officialTitle,
			@Nullable String candidateTitle) {

		Row(String label, @Nullable String official, @Nullable String candidate) {
			this(label, official, candidate, null, null);
		}

	}

	/** One signal of the score. */
	record Reason(String signal, int points, String detail) {
	}

	private static final List<String[]> FACTS = List.of(new String[] { "handle", "lookalike.handle" },
			new String[] { "displayName", "lookalike.displayName" }, new String[] { "bio", "lookalike.bio" },
			new String[] { "links", "lookalike.links" }, new String[] { "createdAt", "lookalike.createdAt" },
			new String[] { "followers", "lookalike.followers" }, new String[] { "avatarUrl", "lookalike.avatarUrl" });

	/**
	 * The view of a look-alike finding for a reader: dates in their language and the organization's zone (the exact
	 * instant in a title), counts with their grouping; or null for other findings.
	 */
	static @Nullable LookalikeView of(Finding finding, org.vigia.web.Times times) {
		var view = of(finding);
		if (view == null) {
			return null;
		}
		var rows = view.rows().stream().map(row -> switch (row.label()) {
			case "lookalike.createdAt" -> new Row(row.label(), date(row.official(), times), date(row.candidate(), times),
					exact(row.official(), times), exact(row.candidate(), times));
			case "lookalike.followers" -> new Row(row.label(), count(row.official(), times),
					count(row.candidate(), times));
			default -> row;
		}).toList();
		return new LookalikeView(rows, view.officialAvatar(), view.candidateAvatar(), view.officialUrl(),
				view.candidateUrl(), view.officialAccountId(), view.score(), view.threshold(), view.reasons(),
				view.sources(), view.proof(), view.releasedHandle());
	}

	private static java.time.@Nullable Instant instant(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return java.time.OffsetDateTime.parse(value).toInstant();
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable String date(@Nullable String value, org.vigia.web.Times times) {
		var at = instant(value);
		return (at != null) ? times.dateTime(at) : value;
	}

	private static @Nullable String exact(@Nullable String value, org.vigia.web.Times times) {
		var at = instant(value);
		return (at != null) ? times.iso(at) : null;
	}

	private static @Nullable String count(@Nullable String value, org.vigia.web.Times times) {
		if (value == null) {
			return null;
		}
		try {
			return times.number(Long.parseLong(value.strip()));
		}
		catch (NumberFormatException ex) {
			return value;
		}
	}

	/** The view of a look-alike finding as stored, or null for other findings and evidence without a candidate. */
	static @Nullable LookalikeView of(Finding finding) {
		if (finding.type() != FindingType.IMPERSONATION && finding.type() != FindingType.UNREGISTERED) {
			return null;
		}
		var candidate = map(finding.evidence().get("candidate"));
		if (candidate == null) {
			return null;
		}
		var official = map(finding.evidence().get("official"));
		var rows = new ArrayList<Row>();
		for (var fact : FACTS) {
			var left = (official != null) ? text(official.get(fact[0])) : null;
			var right = text(candidate.get(fact[0]));
			if (left != null || right != null) {
				rows.add(new Row(fact[1], left, right));
			}
		}
		var reasons = new ArrayList<Reason>();
		if (finding.evidence().get("reasons") instanceof List<?> list) {
			for (var item : list) {
				var reason = map(item);
				if (reason != null && reason.get("signal") != null) {
					reasons.add(new Reason(String.valueOf(reason.get("signal")), number(reason.get("points")),
							String.valueOf(reason.getOrDefault("detail", ""))));
				}
			}
		}
		var sources = new ArrayList<String>();
		if (finding.evidence().get("sources") instanceof List<?> list) {
			list.forEach(source -> sources.add(String.valueOf(source)));
		}
		var released = map(finding.evidence().get("released"));
		Long officialAccountId = (official != null && official.get("accountId") instanceof Number n) ? n.longValue() : null;
		return new LookalikeView(rows, (official != null) ? https(official.get("avatarUrl")) : null,
				https(candidate.get("avatarUrl")), (official != null) ? web(official.get("url")) : null,
				web(candidate.get("url")), officialAccountId, integer(finding.evidence().get("score")),
				integer(finding.evidence().get("threshold")), reasons, sources, text(finding.evidence().get("proof")),
				(released != null) ? text(released.get("handle")) : null);
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Map<String, Object> map(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : null;
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof List<?> list) {
			return list.isEmpty() ? null : String.join("\n", list.stream().map(String::valueOf).toList());
		}
		var text = String.valueOf(value);
		return text.isBlank() ? null : text;
	}

	private static int number(@Nullable Object value) {
		return (value instanceof Number n) ? n.intValue() : 0;
	}

	private static @Nullable Integer integer(@Nullable Object value) {
		return (value instanceof Number n) ? n.intValue() : null;
	}

	/** An image URL fit to load: https, a host, no credentials. */
	static @Nullable String https(@Nullable Object value) {
		return url(value, true);
	}

	/** A profile link fit to follow: http or https, a host, no credentials. */
	private static @Nullable String web(@Nullable Object value) {
		return url(value, false);
	}

	private static @Nullable String url(@Nullable Object value, boolean httpsOnly) {
		if (!(value instanceof String text)) {
			return null;
		}
		try {
			var uri = URI.create(text);
			boolean scheme = "https".equals(uri.getScheme()) || (!httpsOnly && "http".equals(uri.getScheme()));
			return (scheme && uri.getHost() != null && uri.getUserInfo() == null) ? uri.toString() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
