package io.github.larkapprovalbot.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A real MariaDB (Debian's {@code mariadb-server} package; {@code .ci/run} installs it) in a process of its own, on a
 * free port, with a database {@code lark} and a user {@code lark} (password {@code lark}) that may do anything. It can
 * be stopped as a crash would stop it and started again on the same port: what was committed is still there,
 * recovered from InnoDB's redo log.
 * <p>
 * It never syncs to the disk, which only an operating-system crash could tell. Each commit still writes its redo log
 * to the operating system ({@code innodb_flush_log_at_trx_commit=2}): with {@code 0} the log waits in the server's
 * memory for up to a second, and the crash that {@link #stop()} is would lose the last commits. When the tests run
 * as root, MariaDB runs as the package's {@code mysql} user, as it does when a system starts it.
 */
public final class MariaDbServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Path SERVER = Path.of("/usr/sbin/mariadbd");

	private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

	private static final String SYSTEM_USER = "mysql";

	private static final String DATABASE = "lark";

	private static final String USER = "lark";

	private static final String PASSWORD = "lark";

	private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

	/** For the installation and every start alike: the redo log must keep the size it was created with. */
	private static final List<String> SETTINGS = List.of("--innodb-buffer-pool-size=64M",
			"--innodb-log-file-size=16M", "--innodb-flush-log-at-trx-commit=2", "--innodb-doublewrite=0",
			"--innodb-flush-method=nosync",
			// no io_uring nor Linux AIO, which containers often limit (locked memory, seccomp)
			"--innodb-use-native-aio=0", "--skip-log-bin", "--skip-name-resolve");

	private final int port;

	private final Path directory;

	private final Path data;

	private Process process;

	private MariaDbServer(int port) throws IOException {
		if (!Files.isExecutable(SERVER) || !Files.isExecutable(INSTALL)) {
			throw new IllegalStateException("MariaDB is needed by the outbox tests on MariaDB (apt-get install "
					+ "mariadb-server; .ci/run does it): no " + SERVER + " or " + INSTALL);
		}
		this.port = port;
		this.directory = Files.createTempDirectory("mariadb-");
		this.data = this.directory.resolve("data");
		try {
			if (ROOT) {
				UserPrincipal owner = this.directory.getFileSystem()
					.getUserPrincipalLookupService()
					.lookupPrincipalByName(SYSTEM_USER);
				Files.setOwner(this.directory, owner);
			}
			install();
			start();
		}
		catch (RuntimeException | IOException ex) {
			try {
				close();
			}
			catch (RuntimeException closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	public static MariaDbServer onFreePort() {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			return new MariaDbServer(port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String jdbcUrl() {
		return "jdbc:mariadb://127.0.0.1:" + this.port + "/" + DATABASE;
	}

	public String username() {
		return USER;
	}

	public String password() {
		return PASSWORD;
	}

	/**
	 * Creates the system tables, the database and its user. The installation runs its SQL without the grant tables,
	 * which {@code CREATE USER} needs: {@code FLUSH PRIVILEGES} loads them.
	 */
	private void install() throws IOException {
		Path sql = this.directory.resolve("lark.sql");
		Files.writeString(sql, String.join("\n", "FLUSH PRIVILEGES;", "CREATE DATABASE " + DATABASE + ";",
				"CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';",
				"GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%';", ""));
		List<String> command = new ArrayList<>(List.of(INSTALL.toString(), "--no-defaults"));
		if (ROOT) {
			command.add("--user=" + SYSTEM_USER);
		}
		command.addAll(List.of("--datadir=" + this.data, "--auth-root-authentication-method=normal", "--skip-test-db",
				"--extra-file=" + sql));
		command.addAll(SETTINGS);
		Path log = this.directory.resolve("install.log");
		try {
			Process installation = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!installation.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				installation.destroyForcibly();
				throw new IllegalStateException("mariadb-install-db did not finish:\n" + tail(log));
			}
			if (installation.exitValue() != 0) {
				throw new IllegalStateException("mariadb-install-db failed:\n" + tail(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Starts the server (again) and returns once it greets a connection, its recovery from a crash done. */
	public void start() {
		List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults"));
		if (ROOT) {
			// it starts as root, then becomes mysql
			command.add("--user=" + SYSTEM_USER);
		}
		command.addAll(List.of("--datadir=" + this.data, "--port=" + this.port, "--bind-address=127.0.0.1",
				"--socket=" + this.directory.resolve("mariadbd.sock"),
				"--pid-file=" + this.directory.resolve("mariadbd.pid"), "--tmpdir=" + this.directory));
		command.addAll(SETTINGS);
		Path log = this.directory.resolve("mariadbd.log");
		try {
			this.process = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			// Polls the server's own readiness: a process outside the JVM, which no clock of the tests can move.
			await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("exited");
				}
				return greets();
			});
		}
		catch (ConditionTimeoutException | IllegalStateException ex) {
			throw new IllegalStateException("MariaDB did not start on port " + this.port + ":\n" + tail(log), ex);
		}
	}

	/** Stops the server, as a crash would: its connections drop, and the next start recovers. */
	public void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether the server greets a connection with its handshake (protocol version 10): it listens only once it has
	 * recovered, and it greets before any authentication.
	 */
	private boolean greets() {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(1000);
			InputStream in = socket.getInputStream();
			byte[] header = in.readNBytes(5); // 3 bytes of length, the sequence number, then the payload
			return header.length == 5 && header[4] == 10;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String tail(Path log) {
		try {
			String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
			return text.substring(Math.max(0, text.length() - 4000));
		}
		catch (IOException ex) {
			return "(no " + log.getFileName() + ")";
		}
	}

	@Override
	public void close() {
		stop();
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
