package io.github.larkapprovalbot;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

/**
 * A small forwarding HTTP proxy on a real socket, for tests of the client behind a corporate proxy. It serves both
 * ways a client uses a proxy: {@code CONNECT host:port} tunnels (Reactor Netty's only way, and the JDK's for
 * {@code https}) and requests in absolute form ({@code GET http://host:port/path}, the JDK's way for {@code http}).
 * With credentials it answers {@code 407} with a Basic challenge until a request carries the right
 * {@code Proxy-Authorization}, which it never forwards. It connects every target host on this machine's loopback
 * address, so that a host no DNS knows ({@code lark.proxy-test.invalid}) reaches a sandbox only through it. Every
 * request it receives is recorded.
 */
public final class TestHttpProxy implements AutoCloseable {

	/** A host name no DNS resolves (RFC 2606): a client reaches it only through this proxy. */
	public static final String UNRESOLVABLE_HOST = "lark.proxy-test.invalid";

	private final ServerSocket server;

	private final @Nullable String expectedAuthorization;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "test-http-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private TestHttpProxy(@Nullable String username, @Nullable String password) {
		this.expectedAuthorization = (username != null) ? "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)) : null;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.threads.execute(this::accept);
	}

	/**
	 * Starts a proxy without authentication.
	 * @return the proxy
	 */
	public static TestHttpProxy start() {
		return new TestHttpProxy(null, null);
	}

	/**
	 * Starts a proxy that asks for Basic credentials.
	 * @param username the user name it accepts
	 * @param password the password it accepts
	 * @return the proxy
	 */
	public static TestHttpProxy start(String username, String password) {
		return new TestHttpProxy(username, password);
	}

	/**
	 * Returns the host clients reach the proxy at.
	 * @return {@code localhost}
	 */
	public String host() {
		return "localhost";
	}

	/**
	 * Returns the proxy's port.
	 * @return the port
	 */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Returns every request the proxy received, in order.
	 * @return the requests
	 */
	public List<Exchange> exchanges() {
		return List.copyOf(this.exchanges);
	}

	/**
	 * Returns the requests the proxy let through (authorized, or all without authentication).
	 * @return the requests
	 */
	public List<Exchange> forwarded() {
		return this.exchanges.stream().filter(Exchange::forwarded).toList();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				this.threads.execute(() -> serve(client));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void serve(Socket client) {
		try {
			InputStream in = new BufferedInputStream(client.getInputStream());
			OutputStream out = client.getOutputStream();
			Head head = Head.read(in);
			if (head == null) {
				close(client);
				return;
			}
			String[] requestLine = head.firstLine().split(" ");
			String method = requestLine[0];
			String target = requestLine[1];
			String authorization = head.header("Proxy-Authorization");
			boolean forwarded = this.expectedAuthorization == null || this.expectedAuthorization.equals(authorization);
			this.exchanges.add(new Exchange(method, target, authorization, forwarded));
			if (!forwarded) {
				head.drainBody(in);
				out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"lark-test\""
						+ "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				close(client);
				return;
			}
			if (method.equals("CONNECT")) {
				Socket upstream = connect(Integer.parseInt(target.substring(target.lastIndexOf(':') + 1)));
				out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				this.threads.execute(() -> pump(in, upstream, client));
				pump(upstream.getInputStream(), client, upstream);
				return;
			}
			URI uri = URI.create(target);
			Socket upstream = connect((uri.getPort() != -1) ? uri.getPort() : 80);
			OutputStream toUpstream = upstream.getOutputStream();
			StringBuilder request = new StringBuilder(method).append(' ')
				.append(uri.getRawPath())
				.append((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "")
				.append(" HTTP/1.1\r\n");
			head.headers()
				.stream()
				.filter((header) -> !hop(header))
				.forEach((header) -> request.append(header).append("\r\n"));
			request.append("Connection: close\r\n\r\n");
			toUpstream.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			toUpstream.flush();
			this.threads.execute(() -> pump(in, upstream, client));
			InputStream fromUpstream = new BufferedInputStream(upstream.getInputStream());
			Head response = Head.read(fromUpstream);
			if (response != null) {
				StringBuilder answer = new StringBuilder(response.firstLine()).append("\r\n");
				response.headers()
					.stream()
					.filter((header) -> !hop(header))
					.forEach((header) -> answer.append(header).append("\r\n"));
				// One request per connection: the client opens a new one for the next.
				answer.append("Connection: close\r\n\r\n");
				out.write(answer.toString().getBytes(StandardCharsets.ISO_8859_1));
				fromUpstream.transferTo(out);
				out.flush();
			}
			close(upstream);
			close(client);
		}
		catch (IOException | RuntimeException ex) {
			close(client);
		}
	}

	private static boolean hop(String header) {
		String name = header.substring(0, Math.max(0, header.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
		return name.equals("proxy-authorization") || name.equals("proxy-connection") || name.equals("connection")
				|| name.equals("keep-alive");
	}

	private Socket connect(int port) throws IOException {
		Socket upstream = new Socket();
		this.sockets.add(upstream);
		upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
		return upstream;
	}

	/** Copies one direction until it ends, then closes both sockets. */
	private void pump(InputStream from, Socket to, Socket source) {
		try {
			from.transferTo(to.getOutputStream());
		}
		catch (IOException ex) {
			// the other side is gone
		}
		finally {
			close(to);
			close(source);
		}
	}

	private void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing
		}
		this.sockets.remove(socket);
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing
		}
		this.sockets.forEach(this::close);
		this.threads.shutdownNow();
	}

	@Override
	public String toString() {
		return "TestHttpProxy[" + host() + ":" + port() + "]";
	}

	/**
	 * A request the proxy received.
	 *
	 * @param method {@code CONNECT}, or the method of a request in absolute form
	 * @param target {@code host:port} of a tunnel, or the absolute URI of a request
	 * @param proxyAuthorization the {@code Proxy-Authorization} header, or {@code null}
	 * @param forwarded whether the proxy let it through
	 */
	public record Exchange(String method, String target, @Nullable String proxyAuthorization, boolean forwarded) {

		/**
		 * Returns the host the request was for.
		 * @return the host
		 */
		public String host() {
			return this.method.equals("CONNECT") ? this.target.substring(0, this.target.lastIndexOf(':'))
					: URI.create(this.target).getHost();
		}

		/**
		 * Returns the credentials of {@code Proxy-Authorization: Basic}, decoded.
		 * @return {@code user:password}, or {@code null}
		 */
		public @Nullable String basicCredentials() {
			if (this.proxyAuthorization == null || !this.proxyAuthorization.startsWith("Basic ")) {
				return null;
			}
			return new String(Base64.getDecoder().decode(this.proxyAuthorization.substring(6).strip()),
					StandardCharsets.UTF_8);
		}

	}

	/** The first line and the header lines of a request or response. */
	private record Head(String firstLine, List<String> headers) {

		static @Nullable Head read(InputStream in) throws IOException {
			String first = line(in);
			if (first == null || first.isEmpty()) {
				return null;
			}
			List<String> headers = new ArrayList<>();
			for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
				headers.add(line);
			}
			return new Head(first, headers);
		}

		@Nullable String header(String name) {
			for (String header : this.headers) {
				int colon = header.indexOf(':');
				if (colon > 0 && header.substring(0, colon).strip().equalsIgnoreCase(name)) {
					return header.substring(colon + 1).strip();
				}
			}
			return null;
		}

		/** Reads the body of a request the proxy refuses, so that closing the connection resets nothing. */
		void drainBody(InputStream in) throws IOException {
			String length = header("Content-Length");
			if (length != null) {
				in.skipNBytes(Long.parseLong(length));
			}
			else if ("chunked".equalsIgnoreCase(header("Transfer-Encoding"))) {
				for (String size = line(in); size != null; size = line(in)) {
					int chunk = Integer.parseInt(size.split(";")[0].strip(), 16);
					if (chunk == 0) {
						for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
							// trailers
						}
						return;
					}
					in.skipNBytes(chunk);
					line(in);
				}
			}
		}

		private static @Nullable String line(InputStream in) throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			for (int b = in.read(); b != -1; b = in.read()) {
				if (b == '\n') {
					String text = line.toString(StandardCharsets.ISO_8859_1);
					return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
				}
				line.write(b);
			}
			return (line.size() > 0) ? line.toString(StandardCharsets.ISO_8859_1) : null;
		}

	}

}
