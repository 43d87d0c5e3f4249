package io.github.larkapprovalbot.internal;

import java.time.Duration;
import java.util.function.Consumer;

import io.netty.channel.ChannelOption;
import io.netty.resolver.DefaultAddressResolverGroup;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.util.ClassUtils;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

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
