package org.vigia.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL 17 run by Vigía itself from the binaries on its class path (Zonky's), on localhost: either
 * persistent, in a data directory that survives restarts, or temporary, for a test run.
 */
public final class EmbeddedDatabase implements AutoCloseable {

	/** The database Vigía's schema lives in; the server's superuser owns it. */
	static final String DATABASE = "vigia";

	static final String USER = "postgres";

	private final EmbeddedPostgres postgres;

	private final String password;

	private final @Nullable Path dataDir;

	private EmbeddedDatabase(EmbeddedPostgres postgres, String password, @Nullable Path dataDir) {
		this.postgres = postgres;
		this.password = password;
		this.dataDir = dataDir;
	}

	/**
	 * Starts the server kept in {@code dataDir}, creating it on the first start: the cluster in {@code postgres/}, its
	 * log in {@code postgres.log}, its superuser's password in {@code postgres.password} (readable by its owner only:
	 * other users of the machine cannot connect) and its port in {@code postgres.port}, so that it keeps the port it had
	 * (and a server left running by a killed Vigía is found there and taken over rather than fought over).
	 */
	public static EmbeddedDatabase persistent(Path dataDir) {
		var home = dataDir.toAbsolutePath().normalize();
		var cluster = home.resolve("postgres");
		var log = home.resolve("postgres.log").toFile();
		try {
			Files.createDirectories(home);
			boolean fresh = !Files.exists(cluster.resolve("PG_VERSION"));
			var password = password(home.resolve("postgres.password"), fresh);
			int port = port(home, cluster);
			var postgres = configured()
				// initdb with a password and password authentication (these come after Zonky's "-A trust", and win)
				.setLocaleConfig("pwfile", home.resolve("postgres.password").toString())
				.setLocaleConfig("auth", "scram-sha-256")
				.setConnectConfig("password", password)
				.setDataDirectory(cluster)
				.setCleanDataDirectory(false)
				.setPort(port)
				// Vigía's own data: a commit is on disk when it returns (Zonky turns this off, for tests).
				.setServerConfig("synchronous_commit", "on")
				// Not Zonky's shutdown hook: hooks run concurrently, and it would stop the server while Spring's hook still
				// closes Quartz and the pool. Spring stops it after them (the connection details bean depends on it).
				.setRegisterShutdownHook(false)
				// A cold start after a crash replays the write-ahead log first.
				.setPGStartupWait(Duration.ofMinutes(2))
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
				.start();
			Files.writeString(home.resolve("postgres.port"), Integer.toString(port), StandardCharsets.UTF_8);
			var database = new EmbeddedDatabase(postgres, password, home);
			database.createDatabase();
			return database;
		}
		catch (IllegalStateException ex) {
			// Zonky's lock on the directory: refused by another process, or overlapping in this JVM
			if (ex instanceof OverlappingFileLockException || String.valueOf(ex.getMessage()).startsWith("could not lock")) {
				throw new IllegalStateException("The data directory " + home + " is in use by another Vigía: give each "
						+ "its own VIGIA_DATA_DIR, or let several share one PostgreSQL server (SPRING_DATASOURCE_URL)", ex);
			}
			throw ex;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + cluster + " (its log: " + log
					+ ")", ex);
		}
	}

	/**
	 * Starts a throwaway server in a temporary directory, deleted when it stops, at the latest when the JVM exits; it
	 * trades durability for speed (no fsync).
	 */
	public static EmbeddedDatabase temporary() {
		try {
			var database = new EmbeddedDatabase(configured().setServerConfig("fsync", "off").start(), "", null);
			database.createDatabase();
			return database;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start a temporary embedded PostgreSQL", ex);
		}
	}

	/**
	 * What every embedded server shares: text compared and case-folded by code point (PostgreSQL 17's builtin C.UTF-8,
	 * as CI's server has it), whatever the locale of the machine, so that it behaves alike on Linux, macOS and Windows.
	 */
	private static EmbeddedPostgres.Builder configured() {
		return EmbeddedPostgres.builder()
			.setLocaleConfig("locale", "C")
			.setLocaleConfig("locale-provider", "builtin")
			.setLocaleConfig("builtin-locale", "C.UTF-8");
	}

	/**
	 * The superuser's password: made up for a new cluster (in a file only its owner may read, where POSIX permissions
	 * exist), read back for an existing one.
	 */
	private static String password(Path file, boolean fresh) throws IOException {
		if (!fresh) {
			if (!Files.isRegularFile(file)) {
				throw new IllegalStateException("The embedded PostgreSQL's password file " + file + " is missing; restore "
						+ "it from a backup of the data directory, or move the directory away to start afresh");
			}
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		var bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		var password = HexFormat.of().formatHex(bytes);
		Files.deleteIfExists(file);
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
		return password;
	}

	/**
	 * The port it had, when it is free or still held by this directory's own server; otherwise a free one (the
	 * first start, or another program took it meanwhile).
	 */
	private static int port(Path home, Path cluster) throws IOException {
		var remembered = home.resolve("postgres.port");
		if (Files.isRegularFile(remembered)) {
			try {
				int port = Integer.parseInt(Files.readString(remembered, StandardCharsets.UTF_8).strip());
				if (free(port) || port == runningOn(cluster)) {
					return port;
				}
			}
			catch (NumberFormatException ex) {
				// a damaged file: choose again
			}
		}
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static boolean free(int port) {
		try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The port in the cluster's postmaster.pid (its fourth line), or -1: a server still running there, or a stale file. */
	private static int runningOn(Path cluster) {
		try {
			List<String> lines = Files.readAllLines(cluster.resolve("postmaster.pid"), StandardCharsets.UTF_8);
			return (lines.size() >= 4) ? Integer.parseInt(lines.get(3).strip()) : -1;
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}

	private void createDatabase() {
		try (var connection = postgres.getPostgresDatabase().getConnection();
				var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, DATABASE);
			try (var rows = exists.executeQuery()) {
				if (rows.next()) {
					return;
				}
			}
			try (var create = connection.createStatement()) {
				create.execute("create database " + DATABASE);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the database '" + DATABASE + "' in the embedded PostgreSQL",
					ex);
		}
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
	}

	public String username() {
		return USER;
	}

	/** Empty for a temporary server, which trusts connections from this machine (the only ones it listens to). */
	public String password() {
		return password;
	}

	public int port() {
		return postgres.getPort();
	}

	/** The directory given to {@link #persistent}; null for a temporary server. */
	public @Nullable Path dataDir() {
		return dataDir;
	}

	/** Stops the server (a fast shutdown: sessions are ended, everything committed is on disk). */
	@Override
	public void close() {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
