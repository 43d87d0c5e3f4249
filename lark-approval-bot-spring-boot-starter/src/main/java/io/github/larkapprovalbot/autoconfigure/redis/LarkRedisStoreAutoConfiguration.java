package io.github.larkapprovalbot.autoconfigure.redis;

import java.util.Objects;

import io.github.larkapprovalbot.autoconfigure.ApprovalBotMessengerBuilderCustomizer;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotHealthContributorAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties;
import io.github.larkapprovalbot.autoconfigure.callback.LarkApprovalCallbackAutoConfiguration;
import io.github.larkapprovalbot.callback.ApprovalActionStore;
import io.github.larkapprovalbot.health.LarkStoreHealthIndicator;
import io.github.larkapprovalbot.ratelimit.SharedRateLimits;
import io.github.larkapprovalbot.redis.Bucket4jSharedRateLimits;
import io.github.larkapprovalbot.redis.LarkRedisBuckets;
import io.github.larkapprovalbot.redis.RedisApprovalActionStore;
import io.github.larkapprovalbot.redis.RedisSharedTenantAccessTokens;
import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cluster mode, on with {@code lark.approval-bot.store=redis}: the rate limits, the quick-approval claims and outcomes
 * (and, unless {@code lark.approval-bot.redis.share-token=false}, the tenant token) live in Redis, through the
 * Lettuce connection factory Spring Boot configures from {@code spring.data.redis.*}, and Bucket4j's Lettuce
 * integration for the buckets. Keys start with {@code <lark.approval-bot.redis.key-prefix>:<app id>}. Without Spring
 * Data Redis, Lettuce or Bucket4j's Lettuce module the startup fails with an analysis saying what to add. The metrics
 * and health of the shared limits are those of the Bucket4j ones, and back off with them when the application defines
 * its own {@link SharedRateLimits}.
 */
@AutoConfiguration(
		before = { LarkApprovalBotAutoConfiguration.class, LarkApprovalCallbackAutoConfiguration.class,
				LarkApprovalBotHealthContributorAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnProperty(prefix = LarkApprovalBotProperties.PREFIX, name = "app-id")
@ConditionalOnProperty(prefix = LarkApprovalBotProperties.PREFIX, name = "store", havingValue = "redis")
@EnableConfigurationProperties(LarkApprovalBotProperties.class)
public final class LarkRedisStoreAutoConfiguration {

	private static final String LETTUCE_FACTORY = "org.springframework.data.redis.connection.lettuce."
			+ "LettuceConnectionFactory";

	private static final String BUCKET4J_LETTUCE = "io.github.bucket4j.redis.lettuce.Bucket4jLettuce";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { LETTUCE_FACTORY, BUCKET4J_LETTUCE })
	static class RedisStoreConfiguration {

		@Bean
		LarkRedisBuckets larkRedisBuckets(ObjectProvider<RedisConnectionFactory> factories) {
			return new LarkRedisBuckets(lettuce(factories).getRequiredNativeClient());
		}

		@Bean
		@ConditionalOnMissingBean(SharedRateLimits.class)
		Bucket4jSharedRateLimits larkSharedRateLimits(LarkRedisBuckets larkRedisBuckets,
				LarkApprovalBotProperties properties) {
			return new Bucket4jSharedRateLimits(larkRedisBuckets, namespace(properties),
					properties.getRedis().getTimeout());
		}

		@Bean
		ApprovalBotMessengerBuilderCustomizer larkSharedRateLimitsCustomizer(SharedRateLimits larkSharedRateLimits) {
			return (builder) -> builder.sharedRateLimits(larkSharedRateLimits);
		}

		/** Keyed by the app id and a fingerprint of its secret: an instance with a wrong secret shares nothing. */
		@Bean
		@ConditionalOnBooleanProperty(prefix = LarkApprovalBotProperties.PREFIX, name = "redis.share-token",
				matchIfMissing = true)
		ApprovalBotMessengerBuilderCustomizer larkSharedTokensCustomizer(ObjectProvider<RedisConnectionFactory> factories,
				LarkApprovalBotProperties properties) {
			String secret = Objects.requireNonNull(properties.getAppSecret());
			RedisSharedTenantAccessTokens tokens = new RedisSharedTenantAccessTokens(
					new ReactiveStringRedisTemplate(lettuce(factories)),
					namespace(properties) + ":token:" + CachingTenantAccessTokenProvider.secretFingerprint(secret),
					properties.getRedis().getTimeout());
			return (builder) -> builder.sharedTokens(tokens);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnProperty(prefix = LarkApprovalBotProperties.PREFIX, name = "callback.token")
		ApprovalActionStore approvalActionStore(ObjectProvider<RedisConnectionFactory> factories,
				LarkApprovalBotProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
			return new RedisApprovalActionStore(new ReactiveStringRedisTemplate(lettuce(factories)),
					namespace(properties), properties.getCallback().getDuplicateWindow(),
					properties.getRedis().getTimeout(), jsonMapper.getIfAvailable(JsonMapper::shared));
		}

		/** The application's Lettuce connection factory (Boot's, from spring.data.redis.*, or its own). */
		private static LettuceConnectionFactory lettuce(ObjectProvider<RedisConnectionFactory> factories) {
			RedisConnectionFactory factory = factories.getIfUnique();
			if (factory instanceof LettuceConnectionFactory lettuce) {
				return lettuce;
			}
			throw new MissingRedisSupportException((factory == null)
					? "lark.approval-bot.store=redis needs a Redis connection factory, and the application has none."
					: "lark.approval-bot.store=redis needs Lettuce, and the application's Redis connection factory is a "
							+ factory.getClass().getName() + ".");
		}

		/** {@code <prefix>:<app id>}: the app id is present, or this configuration would be off. */
		private static String namespace(LarkApprovalBotProperties properties) {
			return properties.getRedis().getKeyPrefix() + ":" + properties.getAppId();
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
		@ConditionalOnMissingBean(SharedRateLimits.class)
		static class RedisStoreMetricsConfiguration {

			@Bean
			MeterBinder larkSharedRateLimitsMetrics(Bucket4jSharedRateLimits larkSharedRateLimits) {
				return (registry) -> {
					Gauge.builder("lark.approval-bot.rate-limit.shared.available", larkSharedRateLimits,
							(limits) -> limits.isAvailable() ? 1 : 0)
						.description("Whether the rate limits shared through Redis are in force (1) or each instance "
								+ "uses its local limits (0)")
						.register(registry);
					FunctionCounter
						.builder("lark.approval-bot.rate-limit.shared.local-fallbacks", larkSharedRateLimits,
								Bucket4jSharedRateLimits::localFallbacks)
						.description("Permits taken from an instance's local limits because Redis was unavailable")
						.register(registry);
				};
			}

		}

		/** The health condition is only read once the class check has passed (see the health auto-configuration). */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
		static class RedisStoreHealthConfiguration {

			@Configuration(proxyBeanMethods = false)
			@ConditionalOnEnabledHealthIndicator("larkstore")
			@ConditionalOnMissingBean(SharedRateLimits.class)
			static class RedisStoreHealthIndicatorConfiguration {

				@Bean
				@ConditionalOnMissingBean(name = "larkStoreHealthIndicator")
				LarkStoreHealthIndicator larkStoreHealthIndicator(Bucket4jSharedRateLimits larkSharedRateLimits) {
					return new LarkStoreHealthIndicator(larkSharedRateLimits);
				}

			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(LETTUCE_FACTORY)
	static class MissingRedisConfiguration {

		MissingRedisConfiguration() {
			throw new MissingRedisSupportException("lark.approval-bot.store=redis needs Spring Data Redis with Lettuce "
					+ "(org.springframework.boot:spring-boot-starter-data-redis), and it is not on the class path.");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = LETTUCE_FACTORY)
	@ConditionalOnMissingClass(BUCKET4J_LETTUCE)
	static class MissingBucket4jConfiguration {

		MissingBucket4jConfiguration() {
			throw new MissingRedisSupportException("lark.approval-bot.store=redis keeps the shared rate limits in "
					+ "Bucket4j's Redis buckets (com.bucket4j:bucket4j_jdk17-lettuce), and it is not on the class path.");
		}

	}

}
