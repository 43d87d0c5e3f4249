package io.github.larkapprovalbot.autoconfigure.redis;

import java.time.Duration;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.health.LarkStoreHealthIndicator;
import io.github.larkapprovalbot.ratelimit.SharedRateLimits;
import io.github.larkapprovalbot.redis.Bucket4jSharedRateLimits;
import io.github.larkapprovalbot.redis.RedisApprovalActionStore;
import io.github.larkapprovalbot.redis.RedisServer;
import io.github.larkapprovalbot.WebClientApprovalBotMessengerTests;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.callback.LarkApprovalCallbackAutoConfiguration;
import io.github.larkapprovalbot.callback.ApprovalActionStore;
import io.github.larkapprovalbot.callback.CaffeineApprovalActionStore;
import io.github.larkapprovalbot.test.LarkSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which beans {@code lark.approval-bot.store} gives, against a real redis-server, and what a user without Redis
 * support is told.
 */
class LarkRedisStoreAutoConfigurationTests {

	private static RedisServer redis;

	/** The warnings of an outage, and of the context that fails on purpose. */
	@RegisterExtension
	final CapturedLogs warnings = CapturedLogs.of("io.github.larkapprovalbot", "org.springframework.context",
			"io.lettuce.core");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, LarkRedisStoreAutoConfiguration.class,
				LarkApprovalBotAutoConfiguration.class, LarkApprovalCallbackAutoConfiguration.class))
		.withPropertyValues("lark.approval-bot.app-id=cli_a1", "lark.approval-bot.app-secret=secret",
				"lark.approval-bot.callback.token=cb-token", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redis.port());

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.onFreePort();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void memoryIsTheDefaultAndTouchesNoRedis() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(SharedRateLimits.class);
			assertThat(context.getBean(ApprovalActionStore.class)).isInstanceOf(CaffeineApprovalActionStore.class);
		});
	}

	@Test
	void aClaimLeaseRedisCannotRenewInTimeFailsTheStartupNamingIt() {
		this.contextRunner.withPropertyValues("lark.approval-bot.store=redis", "lark.approval-bot.redis.timeout=500ms",
				"lark.approval-bot.callback.claim-lease=700ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("callback.claimLease")
					.hasMessageContaining("longer than the store's timeout");
			});
	}

	@Test
	void redisSharesLimitsClicksAndTheTokenUnderThePrefixAndAppId() {
		this.contextRunner.withPropertyValues("lark.approval-bot.store=redis", "lark.approval-bot.redis.key-prefix=leave")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SharedRateLimits.class)
					.hasBean("larkSharedRateLimitsCustomizer")
					.hasBean("larkSharedTokensCustomizer");
				ApprovalActionStore store = context.getBean(ApprovalActionStore.class);
				assertThat(store).isInstanceOf(RedisApprovalActionStore.class);
				store.claim("click-1", Duration.ofMinutes(1)).block(Duration.ofSeconds(5));
				assertThat(context.getBean(StringRedisTemplate.class).hasKey("leave:cli_a1:click:{click-1}")).isTrue();
			});
	}

	@Test
	void theTokenStaysInEachInstanceWhenAsked() {
		this.contextRunner.withPropertyValues("lark.approval-bot.store=redis", "lark.approval-bot.redis.share-token=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean("larkSharedRateLimitsCustomizer")
				.doesNotHaveBean("larkSharedTokensCustomizer"));
	}

	@Test
	void anApplicationsOwnStoreWins() {
		ApprovalActionStore own = new CaffeineApprovalActionStore(1_000_000);
		this.contextRunner.withPropertyValues("lark.approval-bot.store=redis")
			.withBean(ApprovalActionStore.class, () -> own)
			.run((context) -> assertThat(context.getBean(ApprovalActionStore.class)).isSameAs(own));
	}

	@Test
	void anApplicationStartsWhileRedisIsDownAndSharesItsLimitsOnceRedisIsUp() {
		RedisServer later = RedisServer.onFreePort();
		later.stop();
		try (LarkSandbox lark = LarkSandbox.start()) {
			this.contextRunner
				.withPropertyValues("lark.approval-bot.store=redis", "spring.data.redis.port=" + later.port(),
						"lark.approval-bot.app-id=" + lark.appId(), "lark.approval-bot.app-secret=" + lark.appSecret(),
						"lark.approval-bot.base-url=" + lark.baseUrl(), "lark.approval-bot.redis.timeout=300ms")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					ApprovalBotMessenger messenger = context.getBean(ApprovalBotMessenger.class);
					Bucket4jSharedRateLimits limits = context.getBean(Bucket4jSharedRateLimits.class);
					messenger.send(WebClientApprovalBotMessengerTests.pendingApproval()).block(Duration.ofSeconds(10));
					assertThat(limits.isAvailable()).isFalse();
					assertThat(this.warnings.messages()).anySatisfy((message) -> assertThat(message)
						.startsWith("Shared rate limits unavailable")
						.contains("each instance goes on with its local limits"));

					later.start();
					await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
						messenger.send(WebClientApprovalBotMessengerTests.pendingApproval())
							.block(Duration.ofSeconds(10));
						return limits.isAvailable();
					});
				});
		}
		finally {
			later.close();
		}
	}

	@Test
	void withoutSpringDataRedisTheStartupFailsSayingWhatToAdd() {
		this.contextRunner.withPropertyValues("lark.approval-bot.store=redis")
			.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				while (!(failure instanceof MissingRedisSupportException) && failure.getCause() != null) {
					failure = failure.getCause();
				}
				assertThat(failure).isInstanceOf(MissingRedisSupportException.class)
					.hasMessageContaining("lark.approval-bot.store=redis needs Spring Data Redis with Lettuce");
				FailureAnalysis analysis = new MissingRedisSupportFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis")
					.contains("lark.approval-bot.store=memory");
			});
	}

}
