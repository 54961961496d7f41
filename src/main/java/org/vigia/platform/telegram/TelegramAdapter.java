package org.vigia.platform.telegram;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.springframework.stereotype.Component;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformAdapter;
import org.vigia.platform.PlatformProperties;
import org.vigia.platform.adapter.Answers;
import org.vigia.platform.adapter.Calls;
import org.vigia.platform.http.HttpFailure;
import org.vigia.platform.http.HttpGet;
import org.vigia.platform.http.HttpResult;
import org.vigia.platform.http.PlatformHttpClient;

/** Checks public Telegram channels through the web preview at t.me/s/NAME, which needs no account. */
@Component
public class TelegramAdapter implements PlatformAdapter {

	// Posts dated further ahead are broken clocks; trusting them would hide silence.
	private static final Duration CLOCK_SKEW = Duration.ofDays(1);

	private final PlatformHttpClient http;

	private final Clock clock;

	private final String base;

	private final int recentPosts;

	TelegramAdapter(PlatformHttpClient http, PlatformProperties properties, Clock clock) {
		this.http = http;
		this.clock = clock;
		var url = properties.telegram().url().toString();
		this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		this.recentPosts = properties.recentPosts();
	}

	@Override
	public Platform platform() {
		return Platform.TELEGRAM;
	}

	@Override
	public CheckResult check(CheckRequest request) {
		var calls = new Calls(http);
		return calls.check(() -> check(request, calls));
	}

	private CheckResult check(CheckRequest request, Calls calls) throws HttpFailure {
		var name = request.address().handle();
		var url = base + "/s/" + name;
		// Redirects are the answer: t.me sends /s/NAME to /NAME when NAME is no public channel.
		// English, because the counters' labels ("subscribers") are translated.
		var get = HttpGet.of(Platform.TELEGRAM, url)
			.header("Accept", "text/html")
			.header("Accept-Language", "en")
			.withoutRedirects();
		var answer = calls.get(get);
		var status = answer.status();
		if (status >= 300 && status < 400) {
			return redirected(answer, name, url);
		}
		if (status == 404 || status == 410) {
			return CheckResult.gone(CheckOutcome.NOT_FOUND, status, answer.latency(), answer.attempts(),
					Message.of("check.telegram.status", String.valueOf(status), name).encode());
		}
		if (status == 429) {
			return Answers.rateLimited(answer, clock);
		}
		if (!answer.isSuccessful()) {
			return Answers.unexpected(answer);
		}
		return read(answer, name);
	}

	private static CheckResult redirected(HttpResult answer, String name, String url) {
		var location = answer.header("Location");
		URI target;
		try {
			target = (location == null) ? null : URI.create(url).resolve(location.strip());
		}
		catch (IllegalArgumentException ex) {
			target = null;
		}
		if (target == null) {
			return CheckResult.failure(CheckOutcome.ERROR, answer.status(), answer.latency(), answer.attempts(),
					Message.of("check.telegram.noLocation", String.valueOf(answer.status()), name).encode(), null);
		}
		var preview = URI.create(url);
		var sameHost = target.getHost() == null || target.getHost().equalsIgnoreCase(preview.getHost());
		var path = Objects.requireNonNullElse(target.getPath(), "");
		if (sameHost && path.startsWith("/s/")) {
			// Not the documented answer for a missing channel; better to fail than to guess.
			return CheckResult.failure(CheckOutcome.ERROR, answer.status(), answer.latency(), answer.attempts(),
					Message.of("check.telegram.otherPreview", name, target.toString()).encode(), null);
		}
		return CheckResult.gone(CheckOutcome.NOT_FOUND, answer.status(), answer.latency(), answer.attempts(),
				Message.of("check.telegram.noChannel", name, target.toString()).encode());
	}

	private CheckResult read(HttpResult answer, String name) {
		var page = TelegramPage.parse(answer.text(), answer.url());
		if (!page.telegram()) {
			return CheckResult.failure(CheckOutcome.ERROR, answer.status(), answer.latency(), answer.attempts(),
					Message.of("check.telegram.notPreview", String.valueOf(answer.header("Content-Type"))).encode(), null);
		}
		if (page.profile() == null && page.posts().isEmpty()) {
			return CheckResult.gone(CheckOutcome.NOT_FOUND, answer.status(), answer.latency(), answer.attempts(),
					Message.of("check.telegram.noPublicChannel", name).encode());
		}
		var latest = clock.instant().plus(CLOCK_SKEW);
		Instant newest = null;
		String newestUrl = null;
		int dated = 0;
		int ahead = 0;
		// Forwarded posts and service messages (a pinned post, a new photo) are the owner's activity too.
		for (var post : page.posts()) {
			var at = post.at();
			if (at == null) {
				continue;
			}
			dated++;
			if (at.isAfter(latest)) {
				ahead++;
			}
			else if (newest == null || at.isAfter(newest)) {
				newest = at;
				newestUrl = post.url();
			}
		}
		if (dated == 0 && !page.posts().isEmpty()) {
			// Calling this silence would report an active channel as abandoned the day Telegram changes its markup.
			return CheckResult.failure(CheckOutcome.ERROR, answer.status(), answer.latency(), answer.attempts(),
					Message.of("check.telegram.undated", page.posts().size()).encode(), null);
		}
		var note = (ahead == 0) ? null : Message.of("check.note.ahead", ahead).encode();
		return new CheckResult(CheckOutcome.OK, answer.status(), answer.latency(), answer.attempts(), note, newest,
				newestUrl, false, page.profile(), Math.min(page.posts().size(), recentPosts), null, null, null, null,
				null, null);
	}

}
