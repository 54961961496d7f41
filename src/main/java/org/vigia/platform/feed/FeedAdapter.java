package org.vigia.platform.feed;

import com.rometools.rome.feed.synd.SyndFeed;
import org.springframework.stereotype.Component;
import org.vigia.platform.CheckOutcome;
import org.vigia.platform.CheckRequest;
import org.vigia.platform.CheckResult;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;
import org.vigia.platform.PlatformAdapter;
import org.vigia.platform.http.HttpResult;

/** Checks RSS and Atom feeds, such as a site's news, whose items are the account's posts. */
@Component
public class FeedAdapter implements PlatformAdapter {

	private static final FeedReader.FeedFlavor PLAIN = new FeedReader.FeedFlavor() {

		@Override
		public CheckResult notFound(HttpResult answer) {
			return CheckResult.gone(CheckOutcome.NOT_FOUND, 404, answer.latency(), answer.attempts(),
					Message.of("check.feed.gone", "404 Not Found").encode());
		}

		// A feed is identified by where it is served after redirects: two registered URLs may lead to one feed.
		@Override
		public String platformId(SyndFeed feed, String url) {
			return url;
		}

	};

	private final FeedReader reader;

	FeedAdapter(FeedReader reader) {
		this.reader = reader;
	}

	@Override
	public Platform platform() {
		return Platform.FEED;
	}

	@Override
	public CheckResult check(CheckRequest request) {
		return reader.read(Platform.FEED, request.address().url(), request, PLAIN);
	}

}
