package io.github.larkapprovalbot.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.netty.channel.ChannelOption;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.NoopAddressResolverGroup;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.util.ClassUtils;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.transport.ProxyProvider;

/**
 * The messenger's own Reactor Netty connection pool, event loops and name resolution, so that it never shares
 * Reactor Netty's global resources, which another application context in the same JVM disposes when it closes. Only
 * loaded when Reactor Netty is on the class path.
 */
public final class ReactorNettyResources implements AutoCloseable {

	/** The name of the pool, of its metrics and of its threads. */
	public static final String NAME = "lark-approval-bot";

	private final ConnectionProvider connections;

	private final LoopResources loops;

	/**
	 * Creates the pool and the event loops.
	 * @param maxConnections connections at most
	 * @param pendingAcquireMaxCount calls waiting for a connection at most
	 * @param maxIdleTime how long an idle connection is kept
	 */
	public ReactorNettyResources(int maxConnections, int pendingAcquireMaxCount, Duration maxIdleTime) {
		this.connections = ConnectionProvider.builder(NAME)
			.maxConnections(maxConnections)
			.pendingAcquireMaxCount(pendingAcquireMaxCount)
			.maxIdleTime(maxIdleTime)
			.evictInBackground(maxIdleTime)
			.metrics(ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
					ReactorNettyResources.class.getClassLoader()))
			.build();
		this.loops = LoopResources.create(NAME + "-http", LoopResources.DEFAULT_IO_WORKER_COUNT, true);
	}

	/**
	 * Returns a client on these resources with Reactor Netty's own retry off: whether a request may be repeated is
	 * the messenger's decision alone.
	 * @return the client
	 */
	public HttpClient httpClient() {
		// The default resolver lives on Reactor Netty's global resources too: resolve with the JDK's instead.
		return HttpClient.create(this.connections)
			.runOn(this.loops)
			.resolver(DefaultAddressResolverGroup.INSTANCE)
			.disableRetry(true);
	}

	/**
	 * Returns a client on these resources with a connect timeout.
	 * @param connectTimeout the connect timeout
	 * @return the client
	 */
	public HttpClient httpClient(Duration connectTimeout) {
		return httpClient().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(connectTimeout.toMillis()));
	}

	/**
	 * Returns a client that reaches every host through an HTTP proxy but those it bypasses. Reactor Netty (Netty's
	 * {@code HttpProxyHandler}) opens a {@code CONNECT} tunnel through the proxy for {@code http} and {@code https}
	 * alike, and sends the credentials with the {@code CONNECT} request, Basic, for either. The host name goes to the
	 * proxy unresolved (the proxy resolves it); a host reached directly is resolved by the JDK, as without a proxy.
	 * @param client the client
	 * @param host the proxy's host
	 * @param port the proxy's port
	 * @param username the user name, or {@code null} for a proxy without authentication
	 * @param password the password, or {@code null}
	 * @param bypasses whether a request's host is reached directly
	 * @param connectTimeout how long the proxy may take to open the tunnel, or {@code null} for Reactor Netty's 10 s
	 * @return the client
	 */
	public static HttpClient proxy(HttpClient client, String host, int port, @Nullable String username,
			@Nullable String password, Predicate<@Nullable String> bypasses, @Nullable Duration connectTimeout) {
		// Resolving on the client would need DNS the proxy is there to spare: the proxy resolves.
		return client.resolver(NoopAddressResolverGroup.INSTANCE).proxy((spec) -> {
			ProxyProvider.Builder proxy = spec.type(ProxyProvider.Proxy.HTTP)
				.host(host)
				.port(port)
				.nonProxyHostsPredicate((address) -> address instanceof InetSocketAddress inet
						&& bypasses.test(inet.getHostString()));
			if (connectTimeout != null) {
				proxy.connectTimeoutMillis(connectTimeout.toMillis());
			}
			if (username != null && password != null) {
				proxy.username(username).password((user) -> password);
			}
		});
	}

	/**
	 * Returns whether the pool and the event loops are released.
	 * @return whether they are
	 */
	public boolean isClosed() {
		return this.connections.isDisposed() && this.loops.isDisposed();
	}

	/**
	 * Returns what bounds one request's wait for its answer on Reactor Netty itself: a timer on the connection's own
	 * event loop, cheaper than a Reactor timeout, which schedules on a queue all calls share.
	 * @param timeout the response timeout
	 * @return sets it on each request of a {@code ReactorClientHttpConnector}
	 */
	public static Consumer<ClientHttpRequest> responseTimeout(Duration timeout) {
		return (request) -> {
			if (request.getNativeRequest() instanceof HttpClientRequest netty) {
				netty.responseTimeout(timeout);
			}
		};
	}

	/** Closes the pool's connections and stops the event loops. */
	@Override
	public void close() {
		this.connections.dispose();
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
	}

	@Override
	public String toString() {
		return "ReactorNettyResources[" + NAME + "]";
	}

}
