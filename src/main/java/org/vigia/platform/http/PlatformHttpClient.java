package org.vigia.platform.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for all platform traffic: timeouts, a size cap, an address guard on every hop, per-host
 * concurrency and rate limits, retries of transient failures, and metrics. Safe for use by many threads at once.
 */
@Component
public class PlatformHttpClient {

	private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);

	// Sent on a redirect to the same origin only, as browsers and OkHttp's own redirect handling do.
	private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

	// What OkHttp takes for an IP literal; it connects to those without asking the Dns.
	private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F:.]*|[\\d.]+");

	private final HttpProperties properties;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Sleeper sleeper;

	private final AddressGuard guard;

	private final OkHttpClient client;

	private final Semaphore permits;

	// One entry per host ever polled: the registry bounds them, so they are kept.
	private final ConcurrentMap<String, Semaphore> hostPermits = new ConcurrentHashMap<>();

	private final RateLimits rateLimits = new RateLimits();

	@Autowired
	public PlatformHttpClient(HttpProperties properties, MeterRegistry meters, Clock clock) {
		this(properties, meters, clock, Thread::sleep, Dns.SYSTEM, Set.of());
	}

	/**
	 * @param sleeper how the client waits for backoffs and rate limits, so that tests need not
	 * @param resolver the DNS whose answers the guard filters, so that tests can make a name resolve anywhere
	 * @param exemptAddresses endpoints the address guard lets through, so that tests can run it against a local server
	 */
	PlatformHttpClient(HttpProperties properties, MeterRegistry meters, Clock clock, Sleeper sleeper, Dns resolver,
			Set<InetSocketAddress> exemptAddresses) {
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
		this.sleeper = sleeper;
		this.guard = new AddressGuard(properties.allowPrivateAddresses(), exemptAddresses);
		this.client = new OkHttpClient.Builder().connectTimeout(properties.connectTimeout())
			.readTimeout(properties.readTimeout())
			.callTimeout(properties.callTimeout())
			.followRedirects(false)
			.followSslRedirects(false)
			.retryOnConnectionFailure(false)
			// Through a proxy the guard would only ever see the proxy's address.
			.proxy(Proxy.NO_PROXY)
			.dns(new GuardedDns(guard, resolver))
			.socketFactory(new GuardedSocketFactory(guard))
			.connectionPool(new ConnectionPool(properties.maxConcurrentRequests(), 5, TimeUnit.MINUTES))
			.build();
		// Fair, so that a steady stream of requests cannot starve one that waits.
		this.permits = new Semaphore(properties.maxConcurrentRequests(), true);
	}

	/** Whether the address guard lets requests through to loopback, private and link-local addresses. */
	public boolean allowsPrivateAddresses() {
		return properties.allowPrivateAddresses();
	}

	/**
	 * Sends a GET and returns the answer, whatever its status, after retrying transient failures; throws only when
	 * there is no usable answer, including a 429 that cannot be waited out.
	 */
	public HttpResult get(HttpGet get) throws HttpFailure {
		return execute(new Outgoing("GET", get.platform(), get.url(), get.headers(), get.etag(), get.lastModified(),
				get.followRedirects(), get.maxBytes(), null, null));
	}

	/**
	 * Sends a POST or a DELETE and returns the answer, whatever its status, through the same guard, size cap,
	 * timeouts, redirect policy and metrics as {@link #get}; it is sent again only after a 429, or a 503 that says
	 * when to come back, answers that mean the server did not act. Throws only when there is no usable answer.
	 */
	public HttpResult post(HttpPost post) throws HttpFailure {
		return execute(new Outgoing(post.method(), post.platform(), post.url(), post.headers(), null, null,
				post.followRedirects(), post.maxBytes(),
				(post.method().equals("DELETE") && post.body().length == 0) ? null : post.body(),
				post.contentType()));
	}

	/** Sends a DELETE without a body: {@link #post} of {@link HttpPost#delete}. */
	public HttpResult delete(Platform platform, String url) throws HttpFailure {
		return post(HttpPost.delete(platform, url));
	}

	private HttpResult execute(Outgoing get) throws HttpFailure {
		long started = System.nanoTime();
		try {
			var result = send(get, started);
			record(get, result.status() / 100 + "xx", started);
			return result;
		}
		catch (HttpFailure failure) {
			record(get, failure.kind().name(), started);
			throw failure;
		}
	}

	private HttpResult send(Outgoing request, long started) throws HttpFailure {
		var get = request;
		var origin = parse(get.url());
		var url = origin;
		int attempts = 0;
		int retries = 0;
		int redirects = 0;
		boolean timeoutRetried = false;
		// One budget for the whole request: its redirects, retries, backoffs and rate-limit waits all spend it.
		var budget = new CallBudget(properties.callTimeout());
		while (true) {
			checkTarget(url, attempts);
			awaitRateLimit(url, attempts, budget);
			attempts++;
			var step = exchange(get, origin, url, budget, retries, started, attempts);
			switch (step) {
				case Answer answer -> {
					return answer.result();
				}
				case Redirect redirect -> {
					if (++redirects > properties.maxRedirects()) {
						throw new HttpFailure(HttpFailure.Kind.BAD_REDIRECT, Message.of("http.failure.redirects",
								properties.maxRedirects(), origin.redact()), null, attempts, null);
					}
					url = redirect.location();
					get = get.redirected(redirect.status());
				}
				case Retry retry -> {
					count(get, retry.reason());
					if (retry.backoff() != null) {
						sleep(retry.backoff(), url, attempts, budget);
					}
					retries++;
				}
				case Transient failed -> {
					var kind = failed.failure().kind();
					var backoff = backoff(retries);
					// A read timeout costs a whole read timeout again: worth one more try, not more.
					if (!get.idempotent() || retries >= properties.maxRetries()
							|| (kind == HttpFailure.Kind.TIMEOUT && timeoutRetried)
							|| !budget.fits(backoff)) {
						throw failed.failure();
					}
					timeoutRetried |= kind == HttpFailure.Kind.TIMEOUT;
					count(get, kind.name());
					sleep(backoff, url, attempts, budget);
					retries++;
				}
			}
		}
	}

	/** One request to one URL, within the host's and the global concurrency caps. */
	private Step exchange(Outgoing get, HttpUrl origin, HttpUrl url, CallBudget budget, int retries, long started,
			int attempts) throws HttpFailure {
		var host = hostKey(url);
		var hostPermit = hostPermits.computeIfAbsent(host,
				(key) -> new Semaphore(properties.maxRequestsPerHost(), true));
		// The host first: a request queued behind a busy host must not hold one of the global permits meanwhile.
		acquire(hostPermit, url, attempts);
		try {
			acquire(permits, url, attempts);
			try {
				return call(get, origin, url, host, budget, retries, started, attempts);
			}
			finally {
				permits.release();
			}
		}
		finally {
			hostPermit.release();
		}
	}

	private Step call(Outgoing get, HttpUrl origin, HttpUrl url, String host, CallBudget budget, int retries,
			long started, int attempts) throws HttpFailure {
		if (budget.spent()) {
			throw new HttpFailure(HttpFailure.Kind.TIMEOUT, Message.of("http.failure.callTimeout",
					duration(properties.callTimeout()), url.redact()), null, attempts - 1, null);
		}
		boolean mayRetry = retries < properties.maxRetries();
		var call = client.newCall(request(get, origin, url));
		call.timeout().timeout(budget.remainingNanos(), TimeUnit.NANOSECONDS);
		budget.start();
		try (var response = call.execute()) {
			int status = response.code();
			rateLimits.observe(host, status, response::header, clock.instant());
			if (get.followRedirects() && response.isRedirect()) {
				var location = response.header("Location");
				var next = location == null ? null : url.resolve(location);
				if (next == null) {
					throw new HttpFailure(HttpFailure.Kind.BAD_REDIRECT,
							Message.of("http.failure.redirectLocation", url.redact()), null, attempts, null);
				}
				return new Redirect(next, status);
			}
			if (status == 429 || status == 503) {
				var until = rateLimits.blockedUntil(host, clock.instant());
				if (until != null || status == 429) {
					return rateLimited(get, response, call, url, until, mayRetry, retries, budget, started, attempts);
				}
			}
			if (mayRetry && get.idempotent() && (status == 500 || status == 502 || status == 503 || status == 504)) {
				var backoff = backoff(retries);
				if (budget.fits(backoff)) {
					return new Retry(String.valueOf(status), backoff);
				}
			}
			return new Answer(result(response, call, url, started, attempts, get.maxBytes()));
		}
		catch (HttpFailure failure) {
			throw failure;
		}
		catch (IOException ex) {
			return failure(ex, url, attempts, budget);
		}
		finally {
			budget.stop();
		}
	}

	/** A 429, or a 503 that says when to come back. */
	private Step rateLimited(Outgoing get, Response response, Call call, HttpUrl url, @Nullable Instant until,
			boolean mayRetry, int retries, CallBudget budget, long started, int attempts) throws IOException {
		// With a time to wait for, the rate-limit check before the next attempt does the waiting; without, a backoff.
		var wait = (until == null) ? backoff(retries) : Duration.between(clock.instant(), until);
		boolean waitable = until == null || wait.compareTo(properties.maxRateLimitWait()) <= 0;
		if (mayRetry && waitable && budget.fits(wait)) {
			return new Retry(String.valueOf(response.code()), (until == null) ? wait : null);
		}
		if (response.code() == 503) {
			return new Answer(result(response, call, url, started, attempts, get.maxBytes()));
		}
		throw new HttpFailure(HttpFailure.Kind.RATE_LIMITED,
				(until == null) ? Message.of("http.failure.tooManyRequests", url.host(), url.redact())
						: Message.of("http.failure.tooManyRequestsUntil", url.host(), until.toString(), url.redact()),
				until, attempts, null);
	}

	private HttpResult result(Response response, Call call, HttpUrl url, long started, int attempts, long maxBytes)
			throws IOException {
		var body = read(response, call, url, attempts, maxBytes);
		return new HttpResult(response.code(), headers(response), body, url.toString(),
				Duration.ofNanos(System.nanoTime() - started), attempts);
	}

	/** Refuses IP literals and names the guard knows before any connection, and whatever the hop is, every hop. */
	private void checkTarget(HttpUrl url, int attempts) throws HttpFailure {
		var host = url.host();
		AddressGuard.Range range;
		if (IP_LITERAL.matcher(host).matches()) {
			InetAddress address;
			try {
				address = InetAddress.getByName(host);
			}
			catch (UnknownHostException ex) {
				throw new HttpFailure(HttpFailure.Kind.CONNECTION, Message.of("http.failure.notIp", url.redact()),
						null, attempts, ex);
			}
			range = guard.refusal(new InetSocketAddress(address, url.port()));
		}
		else {
			range = guard.refusal(host);
		}
		if (range != null) {
			throw new HttpFailure(HttpFailure.Kind.BLOCKED_ADDRESS, Message.of("http.failure.refused",
					Message.of("http.blocked.is", host, range.said()), url.redact()), null, attempts, null);
		}
	}

	/**
	 * Waits until the host takes requests again, or fails at once when that is too far away: further than the longest
	 * wait, or, once the request has started, further than its call timeout leaves.
	 */
	private void awaitRateLimit(HttpUrl url, int attempts, CallBudget budget) throws HttpFailure {
		var host = hostKey(url);
		var waited = Duration.ZERO;
		for (var until = rateLimits.blockedUntil(host, clock.instant()); until != null; until = rateLimits
			.blockedUntil(host, clock.instant())) {
			var wait = Duration.between(clock.instant(), until);
			if (waited.plus(wait).compareTo(properties.maxRateLimitWait()) > 0) {
				throw new HttpFailure(HttpFailure.Kind.RATE_LIMITED, Message.of("http.failure.waitTooLong", url.host(),
						until.toString(), duration(properties.maxRateLimitWait()), url.redact()), until, attempts, null);
			}
			if (attempts == 0) {
				// Waiting for a first turn at a rate-limited host is queueing, like waiting for a busy one.
				sleep(wait, url, attempts);
			}
			else if (budget.fits(wait)) {
				sleep(wait, url, attempts, budget);
			}
			else {
				throw new HttpFailure(HttpFailure.Kind.RATE_LIMITED,
						Message.of("http.failure.waitPastTimeout", url.host(), until.toString(),
								duration(properties.callTimeout()), url.redact()),
						until, attempts, null);
			}
			waited = waited.plus(wait);
		}
	}

	private Request request(Outgoing get, HttpUrl origin, HttpUrl url) {
		boolean sameOrigin = url.scheme().equals(origin.scheme()) && url.host().equals(origin.host())
				&& url.port() == origin.port();
		var builder = new Request.Builder().url(url)
			.method(get.method(), get.body() == null ? null
					: RequestBody.create(get.body(), MediaType.parse(Objects.requireNonNullElse(get.contentType(), ""))))
			.header("User-Agent", properties.userAgent());
		get.headers().forEach((name, value) -> {
			var lower = name.toLowerCase(Locale.ROOT);
			// OkHttp decompresses, and the size cap counts the real bytes, only when OkHttp asks for gzip itself.
			if (!lower.equals("accept-encoding") && (sameOrigin || !CREDENTIAL_HEADERS.contains(lower))) {
				builder.header(name, value);
			}
		});
		if (get.etag() != null) {
			builder.header("If-None-Match", get.etag());
		}
		if (get.lastModified() != null) {
			builder.header("If-Modified-Since", get.lastModified());
		}
		return builder.build();
	}

	private byte[] read(Response response, Call call, HttpUrl url, int attempts, long maxBytes) throws IOException {
		long max = Math.min(properties.maxResponseSize().toBytes(), maxBytes);
		var body = response.body();
		var source = body.source();
		// Ask for one byte more than allowed: if it arrives, the answer is too large, and nothing more is read.
		if (body.contentLength() > max || source.request(max + 1)) {
			// Closing the answer would read on to reuse the connection; dropping the connection costs less.
			call.cancel();
			throw new HttpFailure(HttpFailure.Kind.TOO_LARGE, Message.of("http.failure.tooLarge", url.redact(), max),
					null, attempts, null);
		}
		return source.readByteArray();
	}

	/** Throws what asking again cannot fix, and returns what it might. */
	private Step failure(IOException ex, HttpUrl url, int attempts, CallBudget budget) throws HttpFailure {
		var blocked = blockedCause(ex);
		if (blocked != null) {
			throw new HttpFailure(HttpFailure.Kind.BLOCKED_ADDRESS,
					Message.of("http.failure.refused", blocked.detail(), url.redact()), null, attempts, ex);
		}
		if (Thread.currentThread().isInterrupted()) {
			throw interrupted(url, attempts, ex);
		}
		if (ex instanceof InterruptedIOException) {
			var what = budget.spent()
					? Message.of("http.failure.timedOutAll", duration(properties.callTimeout()), url.redact())
					: Message.of("http.failure.timedOut", url.redact());
			return new Transient(new HttpFailure(HttpFailure.Kind.TIMEOUT, what, null, attempts, ex));
		}
		// The reader gets what kind of failure it was; the log also gets the network library's own words.
		var failure = new HttpFailure(HttpFailure.Kind.CONNECTION, connectionFailure(ex, url),
				ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : " " + ex.getMessage()), null, attempts,
				ex);
		// A name that does not exist, a wrong certificate, a server that speaks no HTTP: the same again next time.
		if (ex instanceof UnknownHostException || ex instanceof SSLHandshakeException
				|| ex instanceof SSLPeerUnverifiedException || ex instanceof ProtocolException) {
			throw failure;
		}
		return new Transient(failure);
	}

	private static @Nullable BlockedAddressException blockedCause(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof BlockedAddressException blocked) {
				return blocked;
			}
			// OkHttp keeps the failures of the other routes it tried as suppressed exceptions.
			for (var suppressed : cause.getSuppressed()) {
				if (suppressed instanceof BlockedAddressException blocked) {
					return blocked;
				}
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private void acquire(Semaphore semaphore, HttpUrl url, int attempts) throws HttpFailure {
		try {
			semaphore.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw interrupted(url, attempts, ex);
		}
	}

	/** Waits on the request's own time. */
	private void sleep(Duration wait, HttpUrl url, int attempts, CallBudget budget) throws HttpFailure {
		sleep(wait, url, attempts);
		budget.spend(wait);
	}

	private void sleep(Duration wait, HttpUrl url, int attempts) throws HttpFailure {
		if (!wait.isPositive()) {
			return;
		}
		try {
			sleeper.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw interrupted(url, attempts, ex);
		}
	}

	private static HttpFailure interrupted(HttpUrl url, int attempts, Exception ex) {
		return new HttpFailure(HttpFailure.Kind.CONNECTION, Message.of("http.failure.interrupted", url.redact()), null,
				attempts, ex);
	}

	/** What kind of connection failure an exception of the network library is, for the reader. */
	private static Message connectionFailure(IOException ex, HttpUrl url) {
		var code = switch (ex) {
			case UnknownHostException unknown -> "http.failure.unknownHost";
			case SSLPeerUnverifiedException unverified -> "http.failure.certificate";
			case SSLException tls -> "http.failure.tls";
			case ProtocolException protocol -> "http.failure.protocol";
			case ConnectException refused -> "http.failure.connectionRefused";
			case SocketException broken -> "http.failure.connectionBroken";
			case EOFException early -> "http.failure.connectionBroken";
			default -> "http.failure.connection";
		};
		return Message.of(code, url.host(), url.redact());
	}

	/** A duration as the reader reads it: whole seconds, or milliseconds below a second. */
	static Message duration(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? Message.of("http.duration.seconds", duration.toSeconds())
				: Message.of("http.duration.millis", duration.toMillis());
	}

	/** Full jitter: anywhere from nothing to the exponential ceiling, so that clients that failed together spread. */
	private Duration backoff(int retries) {
		var ceiling = properties.retryBaseDelay().multipliedBy(1L << Math.min(retries, 20));
		if (ceiling.compareTo(LONGEST_BACKOFF) > 0) {
			ceiling = LONGEST_BACKOFF;
		}
		return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling.toNanos() + 1));
	}

	private void record(Outgoing get, String outcome, long started) {
		Timer.builder("vigia.http.requests")
			.description("Platform requests, from the first attempt to the answer, retries and waits included")
			.tag("platform", get.platform().id())
			.tag("outcome", outcome)
			.register(meters)
			.record(Duration.ofNanos(System.nanoTime() - started));
	}

	private void count(Outgoing get, String reason) {
		Counter.builder("vigia.http.retries")
			.description("Platform requests sent again after a transient failure")
			.tag("platform", get.platform().id())
			.tag("reason", reason)
			.register(meters)
			.increment();
	}

	private static HttpUrl parse(String url) throws HttpFailure {
		var parsed = HttpUrl.parse(url);
		if (parsed == null) {
			// Whatever precedes an @ may be a password.
			throw new HttpFailure(HttpFailure.Kind.CONNECTION,
					Message.of("http.failure.notHttp", url.replaceFirst("//[^/?#]*@", "//")), null, 0, null);
		}
		return parsed;
	}

	private static String hostKey(HttpUrl url) {
		return url.host() + ":" + url.port();
	}

	private static Map<String, List<String>> headers(Response response) {
		Map<String, List<String>> headers = new HashMap<>();
		for (var name : response.headers().names()) {
			headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(response.headers(name)));
		}
		return Map.copyOf(headers);
	}

	/** How the client waits; tests pass one that moves their clock instead. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

	/**
	 * What is left of the call timeout for one request: time on the network and the waits between attempts (backoffs,
	 * rate limits) spend it. Waiting for a turn at a busy host does not: the request has not been sent.
	 */
	private static final class CallBudget {

		private long remainingNanos;

		// When the request now on the network was sent, or -1 between requests.
		private long sentAt = -1;

		CallBudget(Duration timeout) {
			this.remainingNanos = timeout.toNanos();
		}

		void start() {
			sentAt = System.nanoTime();
		}

		void stop() {
			remainingNanos = remainingNanos();
			sentAt = -1;
		}

		void spend(Duration wait) {
			remainingNanos -= wait.toNanos();
		}

		long remainingNanos() {
			return (sentAt < 0) ? remainingNanos : remainingNanos - (System.nanoTime() - sentAt);
		}

		boolean spent() {
			return remainingNanos() <= 0;
		}

		/** Whether a wait leaves time for another request. */
		boolean fits(Duration wait) {
			return wait.toNanos() < remainingNanos();
		}

	}

	/** What one request led to. */
	private sealed interface Step {

	}

	private record Answer(HttpResult result) implements Step {
	}

	private record Redirect(HttpUrl location, int status) implements Step {
	}

	/**
	 * One request as the client sends it, whatever type it came as.
	 * @param body null for a request without one
	 */
	private record Outgoing(String method, Platform platform, String url, Map<String, String> headers,
			@Nullable String etag, @Nullable String lastModified, boolean followRedirects, long maxBytes,
			byte @Nullable [] body, @Nullable String contentType) {

		/** Whether sending it twice does what sending it once does: the client retries only those. */
		boolean idempotent() {
			return !method.equals("POST");
		}

		/** What to send to where a redirect points: a 303, or a 301 or 302 after a POST, turns into a GET. */
		Outgoing redirected(int status) {
			if (method.equals("GET") || status == 307 || status == 308
					|| (status != 303 && !method.equals("POST"))) {
				return this;
			}
			var withoutBody = new java.util.HashMap<>(headers);
			withoutBody.keySet().removeIf((name) -> name.equalsIgnoreCase("content-type"));
			return new Outgoing("GET", platform, url, withoutBody, etag, lastModified, followRedirects, maxBytes, null,
					null);
		}

	}

	/** A status worth asking again for; without a backoff the host's rate limit says how long to wait. */
	private record Retry(String reason, @Nullable Duration backoff) implements Step {
	}

	private record Transient(HttpFailure failure) implements Step {
	}

}
