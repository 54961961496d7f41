package org.vigia.platform.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Answers a MockWebServer's requests by path: each path plays its answers in turn and then repeats the last one, so
 * that a client which retries sees the same server however often it asks. Fixtures are read from
 * {@code /fixtures/FOLDER/} on the test class path.
 */
public final class Routes extends Dispatcher {

	private final Map<String, Deque<MockResponse>> routes = new ConcurrentHashMap<>();

	private final String fixtures;

	public Routes(String folder) {
		this.fixtures = "/fixtures/" + folder + "/";
	}

	public Routes on(String path, MockResponse... answers) {
		routes.put(path, new ArrayDeque<>(List.of(answers)));
		return this;
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		var answers = routes.get(request.getUrl().encodedPath());
		if (answers == null) {
			return new MockResponse.Builder().code(418).body("no route for " + request.getTarget()).build();
		}
		synchronized (answers) {
			return (answers.size() > 1) ? answers.poll() : answers.peek();
		}
	}

	public static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code)
			.addHeader("Content-Type", "application/json; charset=utf-8")
			.body(body)
			.build();
	}

	public MockResponse fixture(String name) {
		return json(200, read(name));
	}

	public String read(String name) {
		try (var in = Routes.class.getResourceAsStream(fixtures + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
