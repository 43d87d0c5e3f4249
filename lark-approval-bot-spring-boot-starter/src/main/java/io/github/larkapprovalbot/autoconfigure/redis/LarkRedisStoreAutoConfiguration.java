package io.github.larkapprovalbot.autoconfigure.redis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.apps.AppRegistry;
import io.github.larkapprovalbot.autoconfigure.ConditionalOnLarkProperty;
import io.github.larkapprovalbot.autoconfigure.ApprovalBotMessengerBuilderCustomizer;
import io.github.larkapprovalbot.autoconfigure.ConditionalOnMissingTopLevelBean;
import io.github.larkapprovalbot.autoconfigure.LarkAppBeans;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotHealthContributorAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties;
import io.github.larkapprovalbot.autoconfigure.LarkApps;
import io.github.larkapprovalbot.autoconfigure.OnLarkAppsCondition;
import io.github.larkapprovalbot.autoconfigure.callback.ApprovalActionStoreFactory;
import io.github.larkapprovalbot.autoconfigure.callback.LarkApprovalCallbackAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.center.ApprovalCenterStoreFactory;
import io.github.larkapprovalbot.autoconfigure.center.LarkApprovalCenterAutoConfiguration;
import io.github.larkapprovalbot.callback.ApprovalActionStore;
import io.github.larkapprovalbot.center.CaffeineApprovalCenterStore;
import io.github.larkapprovalbot.health.LarkStoreHealthIndicator;
import io.github.larkapprovalbot.ratelimit.SharedRateLimits;
import io.github.larkapprovalbot.redis.Bucket4jSharedRateLimits;
import io.github.larkapprovalbot.redis.LarkRedisBuckets;
import io.github.larkapprovalbot.redis.RedisApprovalActionStore;
import io.github.larkapprovalbot.redis.RedisApprovalCenterStore;
import io.github.larkapprovalbot.redis.RedisSharedTenantAccessTokens;
import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.BeanFactory;
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
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cluster mode, on with {@code lark.approval-bot.store=redis}: the rate limits, the quick-approval claims and outcomes,
 * the approval center's synced states and leases (and, unless {@code lark.approval-bot.redis.share-token=false}, the tenant token) live in Redis, through the
 * Lettuce connection factory Spring Boot configures from {@code spring.data.redis.*}, and Bucket4j's Lettuce
 * integration for the buckets. Keys start with {@code <lark.approval-bot.redis.key-prefix>:<app id>}. Without Spring
 * Data Redis, Lettuce or Bucket4j's Lettuce module the startup fails with an analysis saying what to add. Each app
 * keeps its own keys ({@code <prefix>:<its app id>}); a named app uses a {@link SharedRateLimits} or
 * {@link ApprovalActionStore} bean qualified with its name when the application has one. The metrics and health of the
 * shared limits are those of the Bucket4j ones, tagged with each app's name.
 */
@AutoConfiguration(
		before = { LarkApprovalBotAutoConfiguration.class, LarkApprovalCallbackAutoConfiguration.class,
				LarkApprovalCenterAutoConfiguration.class, LarkApprovalBotHealthContributorAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@Conditional(OnLarkAppsCondition.class)
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

		/** The top-level app's shared limits. */
		@Bean
		@ConditionalOnMissingTopLevelBean(SharedRateLimits.class)
		@ConditionalOnLarkProperty("app-id")
		Bucket4jSharedRateLimits larkSharedRateLimits(LarkRedisBuckets larkRedisBuckets,
				LarkApprovalBotProperties properties) {
			return new Bucket4jSharedRateLimits(larkRedisBuckets, namespace(properties),
					properties.getRedis().getTimeout());
		}

		/**
		 * Every app's shared limits: the top-level app's bean, a bean qualified with a named app's name, or else the
		 * app's own, in its own keys.
		 */
		@Bean
		LarkRedisRateLimits larkRedisRateLimits(ObjectProvider<LarkApps> apps, LarkRedisBuckets larkRedisBuckets,
				BeanFactory beans) {
			Map<String, SharedRateLimits> limits = new LinkedHashMap<>();
			LarkApps configured = apps.getIfAvailable();
			if (configured != null) {
				configured.all().forEach((app, properties) -> limits.put(app, LarkAppBeans.forApp(beans,
						SharedRateLimits.class, app, () -> new Bucket4jSharedRateLimits(larkRedisBuckets,
								namespace(properties), properties.getRedis().getTimeout()))));
			}
			return new LarkRedisRateLimits(limits);
		}

		@Bean
		ApprovalBotMessengerBuilderCustomizer larkSharedRateLimitsCustomizer(LarkRedisRateLimits larkRedisRateLimits) {
			return new ApprovalBotMessengerBuilderCustomizer() {

				@Override
				public void customize(ApprovalBotMessengerBuilder builder) {
					customize(AppRegistry.DEFAULT_APP, builder);
				}

				@Override
				public void customize(String app, ApprovalBotMessengerBuilder builder) {
					builder.sharedRateLimits(larkRedisRateLimits.get(app));
				}

			};
		}

		/** Keyed by each app's id and a fingerprint of its secret: an instance with a wrong secret shares nothing. */
		@Bean
		@ConditionalOnBooleanProperty(prefix = LarkApprovalBotProperties.PREFIX, name = "redis.share-token",
				matchIfMissing = true)
		ApprovalBotMessengerBuilderCustomizer larkSharedTokensCustomizer(ObjectProvider<RedisConnectionFactory> factories,
				ObjectProvider<LarkApps> apps) {
			ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(lettuce(factories));
			return new ApprovalBotMessengerBuilderCustomizer() {

				@Override
				public void customize(ApprovalBotMessengerBuilder builder) {
					customize(AppRegistry.DEFAULT_APP, builder);
				}

				@Override
				public void customize(String app, ApprovalBotMessengerBuilder builder) {
					LarkApprovalBotProperties properties = apps.getObject().get(app);
					String secret = Objects.requireNonNull(properties.getAppSecret());
					builder.sharedTokens(new RedisSharedTenantAccessTokens(redis,
							namespace(properties) + ":token:" + CachingTenantAccessTokenProvider.secretFingerprint(secret),
							properties.getRedis().getTimeout()));
				}

			};
		}

		/** The top-level app's click store. */
		@Bean
		@ConditionalOnMissingTopLevelBean(ApprovalActionStore.class)
		@ConditionalOnLarkProperty("callback.token")
		ApprovalActionStore approvalActionStore(ApprovalActionStoreFactory larkRedisApprovalActionStores,
				LarkApprovalBotProperties properties) {
			return larkRedisApprovalActionStores.create(AppRegistry.DEFAULT_APP, properties);
		}

		/** Each app's click store, in its own keys. */
		@Bean
		ApprovalActionStoreFactory larkRedisApprovalActionStores(ObjectProvider<RedisConnectionFactory> factories,
				ObjectProvider<JsonMapper> jsonMapper) {
			ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(lettuce(factories));
			return (app, properties) -> new RedisApprovalActionStore(redis, namespace(properties),
					properties.getRedis().getTimeout(), jsonMapper.getIfAvailable(JsonMapper::shared));
		}

		/** Each app's approval center store, in its own keys. */
		@Bean
		ApprovalCenterStoreFactory larkRedisApprovalCenterStores(ObjectProvider<RedisConnectionFactory> factories) {
			ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(lettuce(factories));
			return (app, properties) -> new RedisApprovalCenterStore(redis, namespace(properties),
					properties.getRedis().getTimeout(), CaffeineApprovalCenterStore.DEFAULT_TIME_TO_LIVE);
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

		/** {@code <prefix>:<app id>}: each app's keys apart from every other's. */
		private static String namespace(LarkApprovalBotProperties properties) {
			return properties.getRedis().getKeyPrefix() + ":" + properties.getAppId();
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
		static class RedisStoreMetricsConfiguration {

			/** The state of every app's Bucket4j limits, tagged with the app's name. */
			@Bean
			MeterBinder larkSharedRateLimitsMetrics(LarkRedisRateLimits larkRedisRateLimits) {
				return (registry) -> larkRedisRateLimits.bucket4j().forEach((app, limits) -> {
					Gauge.builder("lark.approval-bot.rate-limit.shared.available", limits,
							(shared) -> shared.isAvailable() ? 1 : 0)
						.tag("app", app)
						.description("Whether the rate limits shared through Redis are in force (1) or each instance "
								+ "uses its local limits (0)")
						.register(registry);
					FunctionCounter
						.builder("lark.approval-bot.rate-limit.shared.local-fallbacks", limits,
								Bucket4jSharedRateLimits::localFallbacks)
						.tag("app", app)
						.description("Permits taken from an instance's local limits because Redis was unavailable")
						.register(registry);
				});
			}

		}

		/** The health condition is only read once the class check has passed (see the health auto-configuration). */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
		static class RedisStoreHealthConfiguration {

			@Configuration(proxyBeanMethods = false)
			@ConditionalOnEnabledHealthIndicator("larkstore")
			static class RedisStoreHealthIndicatorConfiguration {

				@Bean
				@ConditionalOnMissingBean(name = "larkStoreHealthIndicator")
				LarkStoreHealthIndicator larkStoreHealthIndicator(LarkRedisRateLimits larkRedisRateLimits) {
					return new LarkStoreHealthIndicator(larkRedisRateLimits.bucket4j());
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
