package io.github.larkapprovalbot.outbox;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * A real PostgreSQL (Debian's {@code postgresql} package; {@code .ci/run} installs it) in processes of its own, on a
 * free port, with a database {@code lark} that {@code postgres} reaches without a password. It can be stopped as a
 * crash would stop it and started again on the same port: what was committed is still there, replayed from the
 * write-ahead log.
 * <p>
 * It never syncs to the disk, which only an operating-system crash could tell. Commits stay synchronous: an
 * asynchronous commit is in the server's memory only, and the crash that {@link #stop()} is would lose it. PostgreSQL
 * refuses to run as root, so when the tests do, it runs as the package's {@code postgres} user.
 */
public final class PostgresServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final String USER = "postgres";

	private static final String DATABASE = "lark";

	private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

	private final Path bin;

	private final int port;

	private final Path directory;

	private final Path data;

	private Process process;

	private PostgresServer(int port) throws IOException {
		this.bin = installation();
		this.port = port;
		this.directory = Files.createTempDirectory("postgres-");
		this.data = this.directory.resolve("data");
		try {
			if (ROOT) {
				UserPrincipal owner = this.directory.getFileSystem()
					.getUserPrincipalLookupService()
					.lookupPrincipalByName(USER);
				Files.setOwner(this.directory, owner);
			}
			run("initdb.log", asPostgres(this.bin.resolve("initdb").toString(), "-D", this.data.toString(), "-U", USER,
					"-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"));
			start();
			run("createdb.log", List.of(this.bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p",
					String.valueOf(port), "-U", USER, DATABASE));
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

	public static PostgresServer onFreePort() {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			return new PostgresServer(port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + DATABASE;
	}

	public String username() {
		return USER;
	}

	public String password() {
		return "";
	}

	/** Starts the server (again) and returns once it accepts sessions, its recovery from a crash done. */
	public void start() {
		// the dynamic shared memory goes to files in the data directory, which close() deletes, not to /dev/shm
		List<String> command = asPostgres(this.bin.resolve("postgres").toString(), "-D", this.data.toString(), "-p",
				String.valueOf(this.port), "-c", "listen_addresses=127.0.0.1", "-c",
				"unix_socket_directories=" + this.directory, "-c", "max_connections=200", "-c", "fsync=off", "-c",
				"full_page_writes=off", "-c", "dynamic_shared_memory_type=mmap");
		try {
			this.process = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("postgres.log").toFile()))
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
				return acceptsSessions();
			});
		}
		catch (ConditionTimeoutException | IllegalStateException ex) {
			throw new IllegalStateException("PostgreSQL did not start on port " + this.port + ":\n" + tail("postgres.log"), ex);
		}
	}

	/**
	 * Stops the server, as a crash would: all of its processes are killed at once, their connections drop, and the next
	 * start recovers. The postmaster is frozen first, or it could fork a backend that outlives it and holds on to the
	 * shared memory, which the next start then refuses to share.
	 */
	public void stop() {
		if (this.process == null || !this.process.isAlive()) {
			return;
		}
		ProcessHandle postmaster = this.process.toHandle();
		signal("STOP", postmaster.pid());
		List<ProcessHandle> processes = Stream.concat(postmaster.children(), Stream.of(postmaster)).toList();
		processes.forEach(ProcessHandle::destroyForcibly);
		try {
			await().atMost(STOP_TIMEOUT).pollInterval(Duration.ofMillis(10))
				.until(() -> processes.stream().allMatch(PostgresServer::exited));
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException("PostgreSQL on port " + this.port + " did not stop", ex);
		}
		try {
			this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether the server takes a session: to a startup message it answers with an authentication request, and with an
	 * error while it starts or recovers.
	 */
	private boolean acceptsSessions() {
		byte[] parameters = ("user\0" + USER + "\0database\0postgres\0\0").getBytes(StandardCharsets.US_ASCII);
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(1000);
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			out.writeInt(8 + parameters.length);
			out.writeInt(3 << 16); // protocol 3.0
			out.write(parameters);
			out.flush();
			if (socket.getInputStream().read() != 'R') {
				return false;
			}
			out.write('X'); // terminate
			out.writeInt(4);
			out.flush();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The newest PostgreSQL that Debian installed: its binaries are in a directory of their own, by major version. */
	private static Path installation() {
		Path installations = Path.of("/usr/lib/postgresql");
		try (Stream<Path> versions = Files.list(installations)) {
			return versions.filter((version) -> version.getFileName().toString().matches("\\d+"))
				.filter((version) -> Files.isExecutable(version.resolve("bin/initdb")))
				.max(Comparator.comparingInt((version) -> Integer.parseInt(version.getFileName().toString())))
				.map((version) -> version.resolve("bin"))
				.orElseThrow(PostgresServer::notInstalled);
		}
		catch (NoSuchFileException ex) {
			throw notInstalled();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static IllegalStateException notInstalled() {
		return new IllegalStateException("PostgreSQL is needed by the outbox tests on PostgreSQL (apt-get install "
				+ "postgresql; .ci/run does it): no /usr/lib/postgresql/<version>/bin/initdb");
	}

	private static List<String> asPostgres(String... command) {
		List<String> line = new ArrayList<>();
		if (ROOT) {
			// setpriv (util-linux) becomes the user and executes the command in place: the process is the server's
			line.addAll(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups", "--"));
		}
		line.addAll(List.of(command));
		return line;
	}

	private void run(String log, List<String> command) {
		try {
			Process tool = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve(log).toFile())
				.start();
			if (!tool.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				tool.destroyForcibly();
				throw new IllegalStateException(command.get(0) + " did not finish:\n" + tail(log));
			}
			if (tool.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + tail(log));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String tail(String log) {
		try {
			String text = new String(Files.readAllBytes(this.directory.resolve(log)), StandardCharsets.UTF_8);
			return text.substring(Math.max(0, text.length() - 4000));
		}
		catch (IOException ex) {
			return "(no " + log + ")";
		}
	}

	/** Java signals processes only to end them: the shell's own kill sends the others. */
	private static void signal(String signal, long pid) {
		try {
			new ProcessBuilder("sh", "-c", "kill -" + signal + " " + pid).inheritIO().start().waitFor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A killed backend stays a zombie until init reaps it, and Java counts a zombie as alive; it holds nothing. */
	private static boolean exited(ProcessHandle process) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
		}
		catch (NoSuchFileException ex) {
			return true;
		}
		catch (IOException ex) {
			return !process.isAlive();
		}
	}

	/**
	 * Stops the server and deletes its files. A crashed PostgreSQL leaves its System V shared memory segment (the one
	 * the next start would check and reuse), named in the data directory's {@code postmaster.pid}: it goes too.
	 */
	@Override
	public void close() {
		stop();
		try {
			List<String> pidFile = Files.readAllLines(this.data.resolve("postmaster.pid"));
			if (pidFile.size() > 6) {
				String[] keyAndId = pidFile.get(6).trim().split("\\s+");
				new ProcessBuilder("ipcrm", "-m", keyAndId[keyAndId.length - 1])
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start()
					.waitFor();
			}
		}
		catch (NoSuchFileException ex) {
			// it never started
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
