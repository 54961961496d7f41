package org.vigia.platform.meta;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Everything Vigía logged while it is open, at every level, to check that no secret is ever written. What the test's
 * own MockWebServer logs (once a Spring context has bridged java.util.logging) is the network's side and left out.
 */
public final class LogCapture implements AutoCloseable {

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final Level level = root.getLevel();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	public LogCapture() {
		appender.start();
		root.addAppender(appender);
		root.setLevel(Level.ALL);
	}

	/** Every event as text: its message, its arguments and its stack trace. */
	public String text() {
		var text = new StringBuilder();
		for (var event : List.copyOf(appender.list)) {
			if (isTheTestServer(event.getLoggerName())) {
				// MockWebServer logs each request it received, query string and all: that is the network's side.
				continue;
			}
			text.append(event.getFormattedMessage()).append('\n');
			if (event.getThrowableProxy() != null) {
				text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
			}
		}
		return text.toString();
	}

	private static boolean isTheTestServer(String logger) {
		return logger.startsWith("mockwebserver3") || logger.startsWith("okhttp3.mockwebserver");
	}

	@Override
	public void close() {
		root.detachAppender(appender);
		root.setLevel(level);
	}

}
