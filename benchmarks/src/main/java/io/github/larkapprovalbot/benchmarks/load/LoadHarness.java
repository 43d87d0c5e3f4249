package io.github.larkapprovalbot.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import com.lark.oapi.Client;
import com.lark.oapi.service.helpdesk.v1.model.BotMessage;
import com.lark.oapi.service.helpdesk.v1.model.CreateBotMessageReq;
import com.lark.oapi.service.helpdesk.v1.model.CreateBotMessageResp;
import com.lark.oapi.service.im.v1.model.PatchMessageReq;
import com.lark.oapi.service.im.v1.model.PatchMessageReqBody;
import com.lark.oapi.service.im.v1.model.PatchMessageResp;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.HttpPoolSettings;
import io.github.larkapprovalbot.LarkEndpoint;
import io.github.larkapprovalbot.UserIdType;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.internal.ReactorNettyResources;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.message.MessageStatus;
import io.github.larkapprovalbot.ratelimit.RateLimit;
import io.github.larkapprovalbot.ratelimit.SharedRateLimits;
import io.github.larkapprovalbot.redis.Bucket4jSharedRateLimits;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * Sends N messages at concurrency C through one client against {@link SandboxServer} and prints one result line.
 * <p>
 * Arguments: {@code client op n c warmup stubUrl}, with client {@code ours}, {@code ours-jdk}, {@code sdk},
 * {@code webclient}, {@code webclient-jdk} or {@code bare} and op
 * {@code helpdesk}, {@code patch} or {@code send} ({@code send} is ours alone: the SDK has no approval bot API).
 * {@code op=coldburst} sends C concurrent helpdesk messages on a cold token cache and reports the token requests.
 * <p>
 * Ours runs with validation, token cache, retries, rate limiting (limits far above the load) and Micrometer metrics
 * on. The SDK runs as its documentation recommends: its default client with the token cache on, on a thread pool of C.
 * {@code webclient} is a bare {@code WebClient} with fixed headers on the same connector as ours (Reactor Netty; the
 * {@code -jdk} variants run on the JDK's {@code HttpClient}), observed through the same kind of registry as ours:
 * what our features cost is ours over it. The bare
 * client is Reactor Netty with fixed headers: the ceiling.
 */
public final class LoadHarness {

	static final String CARD = "{\"config\":{\"update_multi\":true},\"elements\":[{\"tag\":\"div\",\"text\":"
			+ "{\"tag\":\"plain_text\",\"content\":\"Leave approved\"}}]}";

	private LoadHarness() {
	}

	public static void main(String[] args) throws Exception {
		String client = args[0];
		String op = args[1];
		int n = Integer.parseInt(args[2]);
		int c = Integer.parseInt(args[3]);
		int warmup = Integer.parseInt(args[4]);
		String stub = args[5];
		Runner runner = switch (client) {
			case "ours" -> new Ours(stub, op, null, null);
			case "ours-jdk" -> new Ours(stub, op, new JdkClientHttpConnector(), null);
			// Rate limits shared through the Redis at -Dredis (store=redis in the starter), same limits as ours.
			case "ours-redis" -> new Ours(stub, op, null, sharedRateLimits(System.getProperty("redis")));
			case "sdk" -> new Sdk(stub, op);
			// The same connector as ours: a pool of the same bounds, on its own event loops.
			case "webclient" -> new BareWebClient(stub, op, new ReactorClientHttpConnector(
					new ReactorNettyResources(HttpPoolSettings.defaults().maxConnections(),
							HttpPoolSettings.defaults().pendingAcquireMaxCount(), HttpPoolSettings.defaults().maxIdleTime())
						.httpClient()));
			case "webclient-jdk" -> new BareWebClient(stub, op, new JdkClientHttpConnector());
			case "bare" -> new Bare(stub, op);
			default -> throw new IllegalArgumentException(client);
		};
		if (op.equals("coldburst")) {
			long before = tokens(stub);
			runner.run(c, c);
			System.out.printf("RESULT client=%s op=%s c=%d tokenRequests=%d%n", client, op, c, tokens(stub) - before);
			System.exit(0);
		}
		runner.run(warmup, c);
		long tokensBefore = tokens(stub);
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		long cpuBefore = os.getProcessCpuTime();
		long start = System.nanoTime();
		long[] latencies = runner.run(n, c);
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
		long peakHeap = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peakHeap += pool.getPeakUsage().getUsed();
			}
		}
		Arrays.sort(latencies);
		System.out.printf("RESULT client=%s op=%s n=%d c=%d msgPerSec=%.0f p50ms=%.1f p99ms=%.1f cpuSecPer1000=%.3f "
				+ "peakHeapMb=%.0f tokenRequests=%d%n", client, op, n, c, n / seconds,
				latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6,
				cpuSeconds * 1000 / n, peakHeap / 1048576.0, tokens(stub) - tokensBefore);
		System.exit(0);
	}

	/** Bucket4j's Lettuce buckets on a connection of their own, as the starter's store=redis sets them up. */
	private static SharedRateLimits sharedRateLimits(String redisUri) {
		RedisClient client = RedisClient.create(redisUri);
		StatefulRedisConnection<String, byte[]> connection = client
			.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
		return new Bucket4jSharedRateLimits(Bucket4jLettuce.casBasedBuilder(connection)
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build()
			.asAsync(), "load:cli_load", Bucket4jSharedRateLimits.DEFAULT_TIMEOUT);
	}

	/** The token requests the server counted, from its {@code /stats} on the next port. */
	private static long tokens(String server) {
		URI uri = URI.create(server);
		String stats = HttpClient.create()
			.get()
			.uri("http://" + uri.getHost() + ":" + (uri.getPort() + 1) + "/stats")
			.responseContent()
			.aggregate()
			.asString()
			.block();
		return Long.parseLong(Objects.requireNonNull(stats).replaceAll(".*\"tokens\":(\\d+).*", "$1"));
	}

	/** A tenant token for the bare clients, fetched once as any client would. */
	private static String token(String server) {
		String answer = HttpClient.create()
			.headers((h) -> h.set("Content-Type", "application/json; charset=utf-8"))
			.post()
			.uri(server + "/open-apis/auth/v3/tenant_access_token/internal")
			.send(ByteBufFlux.fromString(Mono.just("{\"app_id\":\"cli_load\",\"app_secret\":\"secret\"}")))
			.responseContent()
			.aggregate()
			.asString()
			.block();
		return Objects.requireNonNull(answer).replaceAll(".*\"tenant_access_token\":\"([^\"]+)\".*", "$1");
	}

	/**
	 * What ours and the bare WebClient observe with, as Boot's Actuator would set them up: Micrometer's meter handler.
	 */
	private static ObservationRegistry observations() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		return observations;
	}

	/** Runs n operations at concurrency c and returns their latencies in nanoseconds. */
	private interface Runner {

		long[] run(int n, int c) throws Exception;

	}

	/** Drives a reactive operation with flatMap at concurrency c. */
	private static long[] reactive(int n, int c, IntFunction<Mono<?>> operation) {
		long[] latencies = new long[n];
		Flux.range(0, n).flatMap((i) -> Mono.defer(() -> {
			long start = System.nanoTime();
			return operation.apply(i).doOnSuccess((v) -> latencies[i] = System.nanoTime() - start);
		}), c).blockLast(Duration.ofMinutes(10));
		return latencies;
	}

	private static final class Ours implements Runner {

		private final ApprovalBotMessenger messenger;

		private final String op;

		private final ApprovalBotMessage card = ApprovalBotMessage.builder(BotTemplate.PENDING_APPROVAL)
			.toUserId("u-bob")
			.approvalName("Leave")
			.titleUserId("u-alice")
			.summary("Reason: family")
			.detail("https://oa.example.com/leave/1")
			.callback("https://oa.example.com/cb", "t", null, "ctx")
			.actionConfig(ActionConfig.approve(MessageStatus.APPROVED))
			.build();

		Ours(String stub, String op, @Nullable ClientHttpConnector connector, @Nullable SharedRateLimits shared) {
			ApprovalBotMessengerBuilder builder = new ApprovalBotMessengerBuilder();
			if (connector != null) {
				builder.clientConnector(connector);
			}
			if (shared != null) {
				builder.sharedRateLimits(shared);
			}
			// Limits far above the load: every call takes its permits, none waits.
			for (LarkEndpoint endpoint : List.of(LarkEndpoint.MESSAGE_SEND, LarkEndpoint.CARD_PATCH,
					LarkEndpoint.HELPDESK_MESSAGE)) {
				builder.rateLimit(endpoint, new RateLimit(1_000_000, 60_000_000, 1_000_000));
			}
			this.messenger = builder.credentials("cli_load", "secret")
				.baseUrl(stub)
				.helpdesk("1", "ht")
				.observationRegistry(observations())
				// The bare clients wait for an answer as long as it takes: so does ours, as in the runs before.
				.responseTimeout(Duration.ofMinutes(2))
				.callTimeout(Duration.ofMinutes(2))
				.build();
			this.op = op;
		}

		@Override
		public long[] run(int n, int c) {
			return reactive(n, c, (i) -> switch (this.op) {
				case "patch" -> this.messenger.patchCard("om_" + (i % 10_000), CARD);
				case "send" -> this.messenger.send(this.card);
				default -> this.messenger.sendHelpdesk(HelpdeskBotMessage.text("ou_" + i, "hello " + i),
						UserIdType.OPEN_ID);
			});
		}

	}

	private static final class Sdk implements Runner {

		private final Client client;

		private final String op;

		Sdk(String stub, String op) {
			this.client = Client.newBuilder("cli_load", "secret").openBaseUrl(stub).helpDeskCredential("1", "ht").build();
			this.op = op;
		}

		@Override
		public long[] run(int n, int c) throws Exception {
			long[] latencies = new long[n];
			ExecutorService pool = Executors.newFixedThreadPool(c);
			Future<?>[] futures = new Future<?>[n];
			for (int i = 0; i < n; i++) {
				int index = i;
				futures[i] = pool.submit(() -> {
					long start = System.nanoTime();
					call(index);
					latencies[index] = System.nanoTime() - start;
					return null;
				});
			}
			for (Future<?> future : futures) {
				future.get();
			}
			pool.shutdown();
			return latencies;
		}

		private void call(int i) throws Exception {
			if (this.op.equals("patch")) {
				PatchMessageResp resp = this.client.im()
					.v1()
					.message()
					.patch(PatchMessageReq.newBuilder()
						.messageId("om_" + (i % 10_000))
						.patchMessageReqBody(PatchMessageReqBody.newBuilder().content(CARD).build())
						.build());
				check(resp.getCode(), resp.getMsg());
			}
			else {
				CreateBotMessageResp resp = this.client.helpdesk()
					.v1()
					.botMessage()
					.create(CreateBotMessageReq.newBuilder()
						.userIdType("open_id")
						.botMessage(BotMessage.newBuilder()
							.msgType("text")
							.content("{\"text\":\"hello " + i + "\"}")
							.receiverId("ou_" + i)
							.build())
						.build());
				check(resp.getCode(), resp.getMsg());
			}
		}

		private static void check(int code, String msg) {
			if (code != 0) {
				throw new IllegalStateException("SDK call failed: " + code + " " + msg);
			}
		}

	}

	private static final class BareWebClient implements Runner {

		private final WebClient client;

		private final String op;

		private final AtomicLong ids = new AtomicLong();

		BareWebClient(String stub, String op, ClientHttpConnector connector) {
			String token = token(stub);
			String helpdesk = Base64.getEncoder().encodeToString("1:ht".getBytes(StandardCharsets.UTF_8));
			this.client = WebClient.builder()
				.clientConnector(connector)
				.observationRegistry(observations())
				.baseUrl(stub)
				.defaultHeaders((h) -> {
					h.set("Authorization", "Bearer " + token);
					h.set("Content-Type", "application/json; charset=utf-8");
					h.set("X-Lark-Helpdesk-Authorization", helpdesk);
				})
				.build();
			this.op = op;
		}

		@Override
		public long[] run(int n, int c) {
			return reactive(n, c, (i) -> {
				long id = this.ids.incrementAndGet();
				WebClient.RequestBodySpec request = this.op.equals("patch")
						? this.client.patch().uri("/open-apis/im/v1/messages/om_" + (id % 10_000))
						: this.client.post().uri("/open-apis/helpdesk/v1/message?user_id_type=open_id");
				String body = this.op.equals("patch") ? "{\"content\":" + Bare.quote(CARD) + "}"
						: "{\"msg_type\":\"text\",\"content\":\"{\\\"text\\\":\\\"hello " + id
								+ "\\\"}\",\"receiver_id\":\"ou_" + id + "\"}";
				return request.bodyValue(body.getBytes(StandardCharsets.UTF_8)).retrieve().bodyToMono(byte[].class);
			});
		}

	}

	private static final class Bare implements Runner {

		private final HttpClient client;

		private final String op;

		private final AtomicLong ids = new AtomicLong();

		Bare(String stub, String op) {
			String token = token(stub);
			String helpdesk = Base64.getEncoder().encodeToString("1:ht".getBytes(StandardCharsets.UTF_8));
			this.client = HttpClient.create().baseUrl(stub).headers((h) -> {
				h.set("Authorization", "Bearer " + token);
				h.set("Content-Type", "application/json; charset=utf-8");
				h.set("X-Lark-Helpdesk-Authorization", helpdesk);
			});
			this.op = op;
		}

		@Override
		public long[] run(int n, int c) {
			return reactive(n, c, (i) -> {
				long id = this.ids.incrementAndGet();
				HttpClient.RequestSender request = this.op.equals("patch")
						? this.client.patch().uri("/open-apis/im/v1/messages/om_" + (id % 10_000))
						: this.client.post().uri("/open-apis/helpdesk/v1/message?user_id_type=open_id");
				String body = this.op.equals("patch") ? "{\"content\":" + quote(CARD) + "}"
						: "{\"msg_type\":\"text\",\"content\":\"{\\\"text\\\":\\\"hello " + id
								+ "\\\"}\",\"receiver_id\":\"ou_" + id + "\"}";
				return request.send(ByteBufFlux.fromString(Mono.just(body)))
					.responseSingle((response, content) -> (response.status().code() == 200) ? content.asString()
							: Mono.error(new IllegalStateException("HTTP " + response.status().code())));
			});
		}

		private static String quote(String json) {
			return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
		}

	}

}
