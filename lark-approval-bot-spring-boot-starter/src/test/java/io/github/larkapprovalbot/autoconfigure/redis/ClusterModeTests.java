package io.github.larkapprovalbot.autoconfigure.redis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.health.LarkCallbacksHealthIndicator;
import io.github.larkapprovalbot.health.LarkStoreHealthIndicator;
import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import io.github.larkapprovalbot.redis.Bucket4jSharedRateLimits;
import io.github.larkapprovalbot.redis.RedisApprovalActionStore;
import io.github.larkapprovalbot.redis.RedisServer;
import io.github.larkapprovalbot.WebClientApprovalBotMessengerTests;
import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionHandler;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one application, each a full Spring Boot application with its own web server, on one real
 * redis-server and one Lark sandbox: the rate limits, the quick-approval claims and their outcomes hold for both
 * together, and an outage of Redis loses nothing.
 */
class ClusterModeTests {

	private static final int SEND_PER_SECOND = 20;

	/** The warnings of the outage: Lettuce reconnecting, the fallback to local limits, the refused click. */
	@RegisterExtension
	final CapturedLogs warnings = CapturedLogs.of("io.github.larkapprovalbot", "io.lettuce.core");

	private final RedisServer redis = RedisServer.onFreePort();

	private final LarkSandbox sandbox = LarkSandbox.start();

	private final HttpClient http = HttpClient.newHttpClient();

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@BeforeEach
	void startInstances() {
		// Spring Boot leaves the test's logging as it is, so that the warnings are captured.
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		try {
			this.first = instance();
			this.second = instance();
		}
		finally {
			System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
		}
	}

	@AfterEach
	void stop() {
		this.first.close();
		this.second.close();
		this.sandbox.close();
		this.redis.close();
	}

	private ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(ClusterApp.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + this.redis.port(), "lark.approval-bot.store=redis",
					"lark.approval-bot.app-id=" + this.sandbox.appId(),
					"lark.approval-bot.app-secret=" + this.sandbox.appSecret(),
					"lark.approval-bot.base-url=" + this.sandbox.baseUrl(),
					"lark.approval-bot.rate-limit.send-per-second=" + SEND_PER_SECOND,
					"lark.approval-bot.callback.token=cb-token", "lark.approval-bot.redis.timeout=300ms")
			.run();
	}

	@Test
	void twoInstancesSendingTogetherStayWithinOneSharedLimit() {
		Flux.merge(sends(this.first, 100), sends(this.second, 100)).blockLast(Duration.ofSeconds(60));

		List<Instant> arrivals = arrivals();
		assertThat(arrivals).hasSize(200);
		assertThat(this.sandbox.messages()).hasSize(200);
		assertThat(busiestSecond(arrivals)).isLessThanOrEqualTo(SEND_PER_SECOND);
		assertThat(this.first.getBean(StringRedisTemplate.class)
			.hasKey("lark-approval-bot:" + this.sandbox.appId() + ":limit:message.send")).isTrue();
	}

	@Test
	void aClickDeliveredToBothInstancesAtOnceRunsOnce() {
		for (int i = 0; i < 50; i++) {
			String click = callback("click-" + i);
			CompletableFuture<HttpResponse<String>> toFirst = post(this.first, click);
			CompletableFuture<HttpResponse<String>> toSecond = post(this.second, click);
			assertThat(toFirst.join().statusCode()).isEqualTo(200);
			assertThat(toSecond.join().statusCode()).isEqualTo(200);
		}
		Map<String, Integer> runs = new ConcurrentHashMap<>(handler(this.first).runs);
		handler(this.second).runs.forEach((click, count) -> runs.merge(click, count, Integer::sum));
		assertThat(runs).hasSize(50).allSatisfy((click, count) -> assertThat(count).as(click).isEqualTo(1));
	}

	@Test
	void anOutageOfRedisLosesNothingRefusesClicksRetryablyAndSharedLimitsResume() throws Exception {
		CompletableFuture<Void> sending = Flux.merge(sends(this.first, 60), sends(this.second, 60))
			.then()
			.toFuture();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sandbox.messages().size() >= 20);
		this.redis.stop();

		sending.get();
		assertThat(this.sandbox.messages()).hasSize(120);
		assertThat(uuids()).hasSize(120).doesNotHaveDuplicates();
		Bucket4jSharedRateLimits limits = this.first.getBean(Bucket4jSharedRateLimits.class);
		assertThat(limits.isAvailable()).isFalse();
		assertThat(limits.localFallbacks()).isPositive();
		MeterRegistry meters = this.first.getBean(MeterRegistry.class);
		assertThat(meters.get("lark.approval-bot.rate-limit.shared.available").gauge().value()).isZero();
		assertThat(meters.get("lark.approval-bot.rate-limit.shared.local-fallbacks").functionCounter().count())
			.isPositive();
		Health health = this.first.getBean(LarkStoreHealthIndicator.class).health(true);
		assertThat(health.getDetails()).containsEntry("rateLimits", "local to each instance: Redis unavailable")
			.containsKey("unavailableSince");

		HttpResponse<String> refused = post(this.first, callback("during-outage")).join();
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.body()).contains("try again");
		assertThat(handler(this.first).runs).doesNotContainKey("during-outage");
		// The operator sees that approvals cannot be taken, not only that limits went local.
		Health callbacks = this.first.getBean(LarkCallbacksHealthIndicator.class).health(true);
		assertThat(callbacks.getStatus()).isEqualTo(Status.DOWN);
		assertThat(callbacks.getDetails()).containsKey("default");
		assertThat(this.warnings.messages()).anySatisfy(
				(message) -> assertThat(message).startsWith("Shared rate limits unavailable"));

		// Each instance goes back to the shared limits on its first call that reaches Redis again: its next try of
		// Redis comes at most a second after its last failure.
		this.redis.start();
		Bucket4jSharedRateLimits secondLimits = this.second.getBean(Bucket4jSharedRateLimits.class);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			Flux.merge(sends(this.first, 1), sends(this.second, 1)).blockLast(Duration.ofSeconds(10));
			return limits.isAvailable() && secondLimits.isAvailable();
		});
		assertThat(this.first.getBean(LarkStoreHealthIndicator.class).health(true).getDetails())
			.containsEntry("rateLimits", "shared by every instance");
		assertThat(meters.get("lark.approval-bot.rate-limit.shared.available").gauge().value()).isOne();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> post(this.second, callback("during-outage")).join().statusCode() == 200);
		assertThat(this.second.getBean(LarkCallbacksHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
		assertThat(handler(this.first).runs.getOrDefault("during-outage", 0)
				+ handler(this.second).runs.getOrDefault("during-outage", 0)).isEqualTo(1);

		Instant resumed = Instant.now();
		Flux.merge(sends(this.first, 50), sends(this.second, 50)).blockLast(Duration.ofSeconds(60));
		List<Instant> after = arrivals().stream().filter((arrival) -> arrival.isAfter(resumed)).toList();
		assertThat(after).hasSize(100);
		assertThat(busiestSecond(after)).isLessThanOrEqualTo(SEND_PER_SECOND);
	}

	@Test
	void theInstancesShareOneTokenAndDropOnlyTheOneLarkRejected() {
		sends(this.first, 1).blockLast(Duration.ofSeconds(10));
		sends(this.second, 1).blockLast(Duration.ofSeconds(10));
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.TOKEN)).hasSize(1);
		String key = "lark-approval-bot:" + this.sandbox.appId() + ":token:"
				+ CachingTenantAccessTokenProvider.secretFingerprint(this.sandbox.appSecret());
		String shared = this.first.getBean(StringRedisTemplate.class).opsForValue().get(key);
		assertThat(shared).isNotNull();

		// Lark revokes the token: the first instance gets a new one and shares it; the second, still holding the old
		// one, is refused in turn, and must take the new shared token rather than drop it.
		this.sandbox.inject(Fault.revokeToken());
		sends(this.first, 1).blockLast(Duration.ofSeconds(10));
		String renewed = this.first.getBean(StringRedisTemplate.class).opsForValue().get(key);
		assertThat(renewed).isNotNull().isNotEqualTo(shared);
		sends(this.second, 1).blockLast(Duration.ofSeconds(10));
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.TOKEN)).hasSize(2);
		assertThat(this.first.getBean(StringRedisTemplate.class).opsForValue().get(key)).isEqualTo(renewed);
		assertThat(this.sandbox.messages()).hasSize(4);
	}

	private static Flux<Object> sends(ConfigurableApplicationContext instance, int count) {
		ApprovalBotMessenger messenger = instance.getBean(ApprovalBotMessenger.class);
		return Flux.range(0, count)
			.flatMap((i) -> messenger.send(WebClientApprovalBotMessengerTests.pendingApproval())
				.subscribeOn(Schedulers.parallel()), count)
			.cast(Object.class);
	}

	private List<Instant> arrivals() {
		return this.sandbox.requests(SandboxRequest.Endpoint.APPROVAL_SEND)
			.stream()
			.map(SandboxRequest::receivedAt)
			.sorted()
			.toList();
	}

	private List<String> uuids() {
		return this.sandbox.requests(SandboxRequest.Endpoint.APPROVAL_SEND)
			.stream()
			.map((request) -> request.body().replaceAll(".*\"uuid\":\"([^\"]+)\".*", "$1"))
			.toList();
	}

	/** The most arrivals in any window of one second, each window starting at an arrival. */
	private static int busiestSecond(List<Instant> sorted) {
		int busiest = 0;
		int start = 0;
		for (int end = 0; end < sorted.size(); end++) {
			while (!sorted.get(start).plusSeconds(1).isAfter(sorted.get(end))) {
				start++;
			}
			busiest = Math.max(busiest, end - start + 1);
		}
		return busiest;
	}

	private static String callback(String id) {
		return "{\"action_type\":\"APPROVE\",\"action_context\":\"leave-42\",\"user_id\":\"b85s39b\","
				+ "\"approval_code\":\"A389\",\"instance_id\":\"people_1234\",\"task_id\":\"task-" + id + "\","
				+ "\"id\":\"" + id + "\",\"token\":\"cb-token\"}";
	}

	private CompletableFuture<HttpResponse<String>> post(ConfigurableApplicationContext instance, String body) {
		String port = instance.getEnvironment().getRequiredProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/lark/approval/callback"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	private static CountingHandler handler(ConfigurableApplicationContext instance) {
		return instance.getBean(CountingHandler.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ClusterApp {

		@Bean
		CountingHandler countingHandler() {
			return new CountingHandler();
		}

	}

	/** Counts the runs of each click, taking a while, as a handler that writes to a database does. */
	static class CountingHandler implements ApprovalActionHandler {

		final Map<String, Integer> runs = new ConcurrentHashMap<>();

		@Override
		public Mono<Void> handle(ApprovalAction action) {
			return Mono.delay(Duration.ofMillis(50))
				.doOnNext((tick) -> this.runs.merge(String.valueOf(action.id()), 1, Integer::sum))
				.then();
		}

	}

}
