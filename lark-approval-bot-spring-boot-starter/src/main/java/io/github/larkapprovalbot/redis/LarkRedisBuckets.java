package io.github.larkapprovalbot.redis;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteAsyncBucketBuilder;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * Bucket4j's Lettuce proxy manager on a connection of its own, opened from the Lettuce client that Spring Boot
 * configured (so {@code spring.data.redis.*} applies: host, credentials, TLS, cluster), and closed with the context.
 * The connection is opened at startup; when Redis is not there then, the application starts anyway, each bucket
 * operation fails (and the shared limits fall back to the local ones) and a new connection is tried in the
 * background. Once open, Lettuce reconnects by itself. A bucket's key expires once the bucket would be full again,
 * plus a margin.
 */
public final class LarkRedisBuckets implements AsyncProxyManager<String>, AutoCloseable {

	private static final Log logger = LogFactory.getLog(LarkRedisBuckets.class);

	private static final Duration KEEP_FULL_BUCKETS_FOR = Duration.ofSeconds(10);

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final AbstractRedisClient client;

	private final AtomicBoolean connecting = new AtomicBoolean();

	private volatile @Nullable Connected connected;

	private volatile boolean closed;

	/**
	 * Opens the connection, or starts trying in the background when Redis is not there.
	 * @param client the Lettuce client Spring Boot configured
	 */
	public LarkRedisBuckets(AbstractRedisClient client) {
		this.client = client;
		try {
			this.connected = connect();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not connect to Redis for the shared rate limits (" + ex
					+ "); each instance uses its local limits until it can");
		}
	}

	@Override
	public RemoteAsyncBucketBuilder<String> builder() {
		return connected().proxyManager.builder();
	}

	@Override
	public CompletableFuture<Void> removeProxy(String key) {
		return connected().proxyManager.removeProxy(key);
	}

	@Override
	public CompletableFuture<Optional<BucketConfiguration>> getProxyConfiguration(String key) {
		return connected().proxyManager.getProxyConfiguration(key);
	}

	/** The open connection; without one, starts opening one in the background and fails this operation. */
	private Connected connected() {
		Connected current = this.connected;
		if (current != null) {
			return current;
		}
		if (!this.closed && this.connecting.compareAndSet(false, true)) {
			Schedulers.boundedElastic().schedule(() -> {
				try {
					Connected opened = connect();
					this.connected = opened;
					if (this.closed) {
						opened.connection.close();
					}
				}
				catch (RuntimeException ex) {
					logger.debug("Could not connect to Redis for the shared rate limits", ex);
				}
				finally {
					this.connecting.set(false);
				}
			});
		}
		throw new IllegalStateException("No connection to Redis for the shared rate limits yet");
	}

	private Connected connect() {
		ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
			.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS_FOR);
		if (this.client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<String, byte[]> connection = cluster.connect(CODEC);
			return new Connected(connection,
					Bucket4jLettuce.casBasedBuilder(connection).expirationAfterWrite(expiry).build().asAsync());
		}
		StatefulRedisConnection<String, byte[]> connection = ((RedisClient) this.client).connect(CODEC);
		return new Connected(connection,
				Bucket4jLettuce.casBasedBuilder(connection).expirationAfterWrite(expiry).build().asAsync());
	}

	@Override
	public void close() {
		this.closed = true;
		Connected current = this.connected;
		if (current != null) {
			current.connection.close();
		}
	}

	private record Connected(StatefulConnection<String, byte[]> connection, AsyncProxyManager<String> proxyManager) {

	}

}
