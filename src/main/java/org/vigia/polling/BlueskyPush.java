package org.vigia.polling;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import okhttp3.WebSocket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.vigia.platform.Jetstream;
import org.vigia.platform.JetstreamEvent;
import org.vigia.platform.PlatformProperties;

/**
 * Takes Bluesky accounts' posts and reposts from Jetstream as they happen and records them as activity; account and
 * identity events (deactivation, takedown, a new handle) make the account due for a check at once, so that the
 * AppView's word decides the outcome as for any check. Runs inside one Quartz job, so on one node of the cluster at a
 * time; the cursor in PostgreSQL lets the next holder resume where the last one stopped.
 */
@Service
class BlueskyPush {

	private static final Logger log = LoggerFactory.getLogger(BlueskyPush.class);

	/** How far back Jetstream instances replay; a cursor older than this has lost events, and only a poll finds them. */
	static final Duration REPLAY = Duration.ofHours(36);

	/** Instances' clocks differ: a cursor taken to another instance is rewound by this much, and duplicates skipped. */
	private static final long SWITCH_REWIND_US = 5_000_000L;

	private static final Duration RELOAD = Duration.ofMinutes(1);

	/**
	 * While one of its sockets is open, the consumer marks the cursor's row at least this often, even when no event
	 * came, so that every node can tell that Bluesky activity arrives by push.
	 */
	static final Duration HEARTBEAT = Duration.ofMinutes(1);

	/** Push counts as healthy while the cursor's row was marked this recently: polling then slows down. */
	static final Duration HEALTHY_WITHIN = Duration.ofMinutes(5);

	private static final Duration RETRY = Duration.ofSeconds(1);

	private static final int DRAIN = 5_000;

	private final JdbcClient jdbc;

	private final AccountPoller poller;

	private final Jetstream jetstream;

	private final List<URI> instances;

	private final Duration quietAfter;

	private final Clock clock;

	private volatile boolean closing;

	BlueskyPush(JdbcClient jdbc, AccountPoller poller, Jetstream jetstream, PlatformProperties platforms,
			Clock clock) {
		this.jdbc = jdbc;
		this.poller = poller;
		this.jetstream = jetstream;
		this.instances = platforms.bluesky().jetstreamUrl();
		this.quietAfter = platforms.bluesky().jetstreamQuietAfter();
		this.clock = clock;
	}

	boolean enabled() {
		return !instances.isEmpty();
	}

	@EventListener(ContextClosedEvent.class)
	void closing() {
		closing = true;
	}

	/** One socket for one set of DIDs, and where it is in the stream. */
	private final class Socket {

		final List<String> dids;

		int instance;

		@Nullable WebSocket webSocket;

		boolean open;

		/** Events at or before this were recorded before the socket opened: a replay's duplicates. */
		long floor;

		/** The newest event time taken from this socket, or the floor. */
		long seen;

		long lastMessage;

		/** Which connection of this socket is current: what older ones still report is stale. */
		int generation;

		long closedAt;

		/** Connections in a row that brought nothing: each waits twice as long as the last before the next. */
		int failures;

		Socket(List<String> dids, int instance) {
			this.dids = dids;
			this.instance = instance;
		}

		void connect(BlockingQueue<Object> queue, long from) {
			floor = from;
			seen = from;
			lastMessage = System.nanoTime();
			open = true;
			var self = this;
			int current = ++generation;
			webSocket = jetstream.subscribe(instances.get(instance), dids, (from > 0) ? from : null,
					new Jetstream.Listener() {

						@Override
						public void event(JetstreamEvent event) {
							try {
								queue.put(new Incoming(self, current, event));
							}
							catch (InterruptedException ex) {
								Thread.currentThread().interrupt();
							}
						}

						@Override
						public void closed(String reason) {
							queue.offer(new Closed(self, current, reason));
						}

					});
		}

		void close() {
			open = false;
			closedAt = System.nanoTime();
			if (webSocket != null) {
				webSocket.cancel();
				webSocket = null;
			}
		}

	}

	private record Incoming(Socket socket, int generation, JetstreamEvent event) {
	}

	private record Closed(Socket socket, int generation, String reason) {
	}

	/** Consumes the stream until told to stop, the node closes, or the thread is interrupted. */
	void run(BooleanSupplier keepGoing) {
		if (!enabled()) {
			return;
		}
		var queue = new LinkedBlockingQueue<Object>(100_000);
		var accounts = accountsByDid();
		long cursor = resumeFrom();
		var sockets = open(accounts.keySet(), queue, cursor);
		long reloaded = System.nanoTime();
		var batch = new ArrayList<Object>(DRAIN);
		try {
			while (keepGoing.getAsBoolean() && !closing && !Thread.currentThread().isInterrupted()) {
				var first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first != null) {
					batch.add(first);
					queue.drainTo(batch, DRAIN - 1);
				}
				record(batch, accounts);
				batch.clear();
				long now = System.nanoTime();
				for (var socket : sockets) {
					if (socket.open && now - socket.lastMessage > quietAfter.toNanos()) {
						log.warn("Jetstream {} sent nothing for {} DIDs in {} while its socket stayed open: switching "
								+ "instance", instances.get(socket.instance), socket.dids.size(), quietAfter);
						reconnect(socket, queue);
					}
					else if (!socket.open
							&& now - socket.closedAt > RETRY.toNanos() << Math.min(6, socket.failures)) {
						socket.failures++;
						reconnect(socket, queue);
					}
				}
				saveCursor(sockets);
				if (now - reloaded > RELOAD.toNanos()) {
					reloaded = now;
					var current = accountsByDid();
					if (!current.keySet().equals(accounts.keySet())) {
						sockets.forEach(Socket::close);
						long from = cursorOf(sockets);
						accounts = current;
						sockets = open(accounts.keySet(), queue, from);
					}
					else {
						accounts = current;
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			sockets.forEach(Socket::close);
			saveCursor(sockets);
		}
	}

	private List<Socket> open(Set<String> dids, BlockingQueue<Object> queue, long from) {
		var sorted = new ArrayList<>(new TreeSet<>(dids));
		var sockets = new ArrayList<Socket>();
		for (int start = 0; start < sorted.size(); start += Jetstream.MAX_DIDS) {
			var socket = new Socket(List.copyOf(sorted.subList(start, Math.min(sorted.size(), start + Jetstream.MAX_DIDS))),
					0);
			socket.connect(queue, from);
			sockets.add(socket);
		}
		return sockets;
	}

	private void reconnect(Socket socket, BlockingQueue<Object> queue) {
		long taken = socket.seen;
		socket.close();
		socket.instance = (socket.instance + 1) % instances.size();
		socket.connect(queue, (taken > 0) ? Math.max(1, taken - SWITCH_REWIND_US) : 0);
		// Events up to what was already taken are duplicates, whatever the rewind.
		socket.floor = taken;
		socket.seen = taken;
	}

	private void record(List<Object> messages, Map<String, List<Long>> accounts) {
		var newest = new HashMap<Long, JetstreamEvent>();
		var due = new HashSet<Long>();
		for (var message : messages) {
			if (message instanceof Closed closed) {
				var socket = closed.socket();
				if (socket.open && closed.generation() == socket.generation) {
					log.info("Jetstream {}: {}", instances.get(socket.instance), closed.reason());
					socket.close();
				}
				continue;
			}
			var incoming = (Incoming) message;
			var socket = incoming.socket();
			var event = incoming.event();
			if (incoming.generation() != socket.generation || !socket.open) {
				continue;
			}
			socket.lastMessage = System.nanoTime();
			socket.failures = 0;
			if (event.timeUs() <= socket.floor) {
				continue;
			}
			socket.seen = Math.max(socket.seen, event.timeUs());
			var ids = accounts.get(event.did());
			if (ids == null) {
				continue;
			}
			for (var id : ids) {
				switch (event.kind()) {
					case POST, REPOST -> newest.merge(id, event,
							(a, b) -> (b.at() != null && (a.at() == null || b.at().isAfter(a.at()))) ? b : a);
					case ACCOUNT, IDENTITY -> due.add(id);
				}
			}
		}
		if (!newest.isEmpty()) {
			var ids = new ArrayList<Long>(newest.size());
			var ats = new ArrayList<Instant>(newest.size());
			var urls = new ArrayList<@Nullable String>(newest.size());
			newest.forEach((id, event) -> {
				if (event.at() != null) {
					ids.add(id);
					ats.add(event.at());
					urls.add(event.url());
				}
			});
			poller.recordPushed(ids, ats, urls);
		}
		if (!due.isEmpty()) {
			// The AppView decides what the event means (deactivated, taken down, renamed) at the next tick.
			jdbc.sql("update account_state set next_due_at = :now where account_id = any(:ids) and next_due_at > :now")
				.param("now", Timestamp.from(clock.instant()))
				.param("ids", due.toArray(Long[]::new))
				.update();
		}
	}

	/** The registry's Bluesky accounts by DID, as their checks learnt it. */
	private Map<String, List<Long>> accountsByDid() {
		var accounts = new HashMap<String, List<Long>>();
		jdbc.sql("select account_id, platform_id from account_state where platform_id like 'did:%' order by account_id")
			.query((rs, row) -> accounts.computeIfAbsent(rs.getString("platform_id"), did -> new ArrayList<>())
				.add(rs.getLong("account_id")))
			.list();
		return accounts;
	}

	/** The stored cursor, or 0 for "from now"; one older than the replay makes every Bluesky account due at once. */
	private long resumeFrom() {
		var stored = jdbc.sql("select time_us from bluesky_push_cursor where id = 1").query(Long.class).optional();
		if (stored.isEmpty()) {
			return 0;
		}
		var oldest = clock.instant().minus(REPLAY);
		long oldestUs = oldest.getEpochSecond() * 1_000_000L + oldest.getNano() / 1000;
		if (stored.get() < oldestUs) {
			int due = jdbc.sql("update account_state set next_due_at = :now where platform_id like 'did:%'")
				.param("now", Timestamp.from(clock.instant()))
				.update();
			log.warn("The Jetstream cursor is older than the {} instances replay: {} Bluesky accounts are polled now",
					REPLAY, due);
			return 0;
		}
		return stored.get();
	}

	private static long cursorOf(List<Socket> sockets) {
		return sockets.stream().mapToLong(socket -> socket.seen).min().orElse(0);
	}

	private void saveCursor(List<Socket> sockets) {
		long cursor = cursorOf(sockets);
		if (cursor <= 0 || sockets.isEmpty()) {
			return;
		}
		// The row's time is also the heartbeat polling reads (see HEALTHY_WITHIN): only while a socket is open and not
		// failing over and over (a socket that keeps being refused has failures > 0 until a message comes).
		boolean open = sockets.stream().anyMatch(socket -> socket.open && socket.failures == 0);
		jdbc.sql("""
				insert into bluesky_push_cursor (id, time_us, instance, updated_at) values (1, :cursor, :instance, :now)
				on conflict (id) do update set time_us = excluded.time_us, instance = excluded.instance,
				    updated_at = excluded.updated_at
				where bluesky_push_cursor.time_us <> excluded.time_us
				   or (:open and bluesky_push_cursor.updated_at < excluded.updated_at - :heartbeat * interval '1 second')
				""")
			.param("cursor", cursor)
			.param("open", open)
			.param("heartbeat", HEARTBEAT.toSeconds())
			.param("instance", instances.get(sockets.getFirst().instance).toString())
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

}
