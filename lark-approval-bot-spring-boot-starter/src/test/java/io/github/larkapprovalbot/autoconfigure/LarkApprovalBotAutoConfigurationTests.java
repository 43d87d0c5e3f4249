package io.github.larkapprovalbot.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.ApprovalPathStyle;
import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.LarkAuthenticationException;
import io.github.larkapprovalbot.UserIdType;
import io.github.larkapprovalbot.autoconfigure.template.LarkCardTemplateAutoConfiguration;
import io.github.larkapprovalbot.health.LarkApprovalBotHealthIndicator;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.internal.ReactorNettyResources;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.message.LarkLocale;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import io.github.larkapprovalbot.test.TestClock;
import io.github.larkapprovalbot.test.SandboxRequest.Endpoint;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import static io.github.larkapprovalbot.WebClientApprovalBotMessengerTests.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LarkApprovalBotAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class,
				LarkCardTemplateAutoConfiguration.class,
				LarkApprovalBotHealthContributorAutoConfiguration.class, WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
				CodecsAutoConfiguration.class, MessageSourceAutoConfiguration.class))
		.withPropertyValues("spring.messages.basename=lark-test-messages", "spring.reactor.netty.shutdown-quiet-period=0s",
				"spring.messages.fallback-to-system-locale=false");

	final LarkSandbox lark = LarkSandbox.builder()
		.credentials("cli_test", "app-secret-value")
		.helpdesk("12345", "ht-x")
		.start();

	/** A context these tests fail on purpose warns as it gives up. */
	@RegisterExtension
	final CapturedLogs contextWarnings = CapturedLogs.of("org.springframework.context");

	@AfterEach
	void closeLark() {
		this.lark.close();
	}

	private List<SandboxRequest> api() {
		return this.lark.requests().stream().filter((request) -> request.endpoint() != Endpoint.TOKEN).toList();
	}

	private List<SandboxRequest> tokenRequests() {
		return this.lark.requests(Endpoint.TOKEN);
	}

	private String[] credentials() {
		return new String[] { "lark.approval-bot.app-id=cli_test", "lark.approval-bot.app-secret=app-secret-value",
				"lark.approval-bot.base-url=" + this.lark.baseUrl() };
	}

	@Test
	void offWithoutAnAppId() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ApprovalBotMessenger.class)
			.doesNotHaveBean(TenantAccessTokenProvider.class));
	}

	@Test
	void providesTheMessengerTokenProviderAndCardProcessor() {
		this.contextRunner.withPropertyValues(credentials()).run((context) -> {
			assertThat(context).hasSingleBean(ApprovalBotMessenger.class)
				.hasSingleBean(TenantAccessTokenProvider.class)
				.hasSingleBean(CardRenderer.class);
			context.getBean(ApprovalBotMessenger.class)
				.send(pendingApproval())
				.block(Duration.ofSeconds(10));
			assertThat(api()).hasSize(1);
			assertThat(tokenRequests()).hasSize(1);
		});
	}

	@Test
	void startupBuildsNoClientUntilItIsUsed() {
		this.contextRunner.withPropertyValues(credentials()).run((context) -> {
			ConfigurableListableBeanFactory beans = context.getBeanFactory();
			assertThat(beans.containsSingleton("larkTenantAccessTokenProvider")).isFalse();
			assertThat(beans.containsSingleton("larkReactorNettyResources")).isFalse();
			assertThat(beans.containsSingleton("approvalBotMessenger")).isTrue();
			context.getBean(ApprovalBotMessenger.class)
				.send(pendingApproval())
				.block(Duration.ofSeconds(10));
			assertThat(beans.containsSingleton("larkTenantAccessTokenProvider")).isTrue();
			assertThat(beans.containsSingleton("larkReactorNettyResources")).isTrue();
		});
	}

	@Test
	void theMessengerUsesTheTokenProviderBeanRatherThanOneOfItsOwn() {
		this.contextRunner.withPropertyValues(credentials()).run((context) -> {
			String token = context.getBean(TenantAccessTokenProvider.class).token().block(Duration.ofSeconds(10));
			context.getBean(ApprovalBotMessenger.class)
				.send(pendingApproval())
				.block(Duration.ofSeconds(10));
			assertThat(tokenRequests()).hasSize(1);
			assertThat(api().get(0).header("Authorization")).isEqualTo("Bearer " + token);
		});
	}

	@Test
	void theBuilderBeanIsAFreshConfiguredBuilderForFurtherMessengers() {
		this.contextRunner.withPropertyValues(credentials())
			.withPropertyValues("lark.approval-bot.helpdesk.id=12345", "lark.approval-bot.helpdesk.token=ht-x")
			.run((context) -> {
				ApprovalBotMessengerBuilder builder = context.getBean(ApprovalBotMessengerBuilder.class);
				assertThat(builder).isNotSameAs(context.getBean(ApprovalBotMessengerBuilder.class));
				builder.build()
					.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "hi"), UserIdType.OPEN_ID)
					.block(Duration.ofSeconds(10));
				assertThat(api().get(0).header("X-Lark-Helpdesk-Authorization"))
					.isEqualTo("MTIzNDU6aHQteA==");
			});
	}

	@Test
	void anotherContextClosingLeavesTheMessengerWorking() {
		this.contextRunner.withPropertyValues(credentials()).run((context) -> {
			ApprovalBotMessenger messenger = context.getBean(ApprovalBotMessenger.class);
			messenger.send(pendingApproval()).block(Duration.ofSeconds(10));
			// Another context in the same JVM, say a @DirtiesContext test, on Boot's shared Reactor Netty resources.
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
						HttpClientAutoConfiguration.class, WebClientAutoConfiguration.class))
				.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=0s")
				.run((other) -> other.getBean(WebClient.Builder.class).build());
			messenger.send(pendingApproval()).block(Duration.ofSeconds(10));
			assertThat(api()).hasSize(2);
		});
	}

	@Test
	void withoutReactorNettyTheMessengerRunsOnTheJdkHttpClient() {
		this.contextRunner.withPropertyValues(credentials())
			.withClassLoader(new FilteredClassLoader("reactor.netty"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ReactorNettyResources.class);
				assertSendsOnTheJdkHttpClient(context);
			});
	}

	@Test
	void aPlainMvcApplicationNeedsNeitherNettyNorBootsHttpClientModules() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class))
			.withPropertyValues(credentials())
			.withClassLoader(new FilteredClassLoader("reactor.netty", "org.springframework.boot.http.client",
					"org.springframework.boot.webclient"))
			.run(this::assertSendsOnTheJdkHttpClient);
	}

	private void assertSendsOnTheJdkHttpClient(ApplicationContext context) {
		context.getBean(ApprovalBotMessenger.class).send(pendingApproval()).block(Duration.ofSeconds(10));
		assertThat(api()).singleElement()
			.satisfies((request) -> assertThat(request.header("User-Agent")).contains("Java-http-client"));
	}

	@Test
	void theMessengersOwnConnectionPoolIsReleasedWithItsContext() {
		AtomicReference<ReactorNettyResources> resources = new AtomicReference<>();
		this.contextRunner.withPropertyValues(credentials())
			.withPropertyValues("lark.approval-bot.http.max-connections=8")
			.run((context) -> {
				resources.set(context.getBean(ReactorNettyResources.class));
				context.getBean(ApprovalBotMessenger.class)
					.send(pendingApproval())
					.block(Duration.ofSeconds(10));
				assertThat(resources.get().isClosed()).isFalse();
			});
		assertThat(resources.get().isClosed()).isTrue();
	}

	@Test
	void mapsEveryClientPropertyOntoTheBuilder() {
		this.contextRunner.withPropertyValues(credentials())
			.withPropertyValues("lark.approval-bot.base-url=https://open.example.com/",
					"lark.approval-bot.approval-path-style=legacy",
					"lark.approval-bot.legacy-approval-base-url=https://legacy.example.com",
					"lark.approval-bot.helpdesk.id=12345", "lark.approval-bot.helpdesk.token=ht-x",
					"lark.approval-bot.connect-timeout=2s", "lark.approval-bot.response-timeout=1500ms",
					"lark.approval-bot.call-timeout=1m", "lark.approval-bot.shutdown-timeout=7s",
					"lark.approval-bot.retry.max-retries=5", "lark.approval-bot.retry.min-backoff=50ms",
					"lark.approval-bot.retry.max-backoff=2s", "lark.approval-bot.retry.jitter=0.25",
					"lark.approval-bot.rate-limit.message-send.per-second=10",
					"lark.approval-bot.rate-limit.message-send.per-minute=100",
					"lark.approval-bot.rate-limit.card-patch.per-second=20",
					"lark.approval-bot.rate-limit.card-patch.per-message-per-second=2",
					"lark.approval-bot.rate-limit.helpdesk-message.per-minute=30",
					"lark.approval-bot.rate-limit.message-update.per-second=7", "lark.approval-bot.token.skew=5m",
					"lark.approval-bot.http.max-connections=9", "lark.approval-bot.http.pending-acquire-max-count=8",
					"lark.approval-bot.http.max-idle-time=11s")
			.run((context) -> {
				String builder = context.getBean(ApprovalBotMessengerBuilder.class).toString();
				assertThat(builder).contains("appId=cli_test", "baseUrl=https://open.example.com,",
						"approvalPathStyle=LEGACY", "legacyApprovalBaseUrl=https://legacy.example.com",
						"helpdeskId=12345", "connectTimeout=PT2S", "responseTimeout=PT1.5S", "callTimeout=PT1M",
						"shutdownTimeout=PT7S", "retry=RetrySettings[maxRetries=5, minBackoff=PT0.05S, maxBackoff=PT2S, "
								+ "jitter=0.25]",
						"MESSAGE_SEND=RateLimit[perSecond=10, perMinute=100, perMessagePerSecond=0]",
						"CARD_PATCH=RateLimit[perSecond=20, perMinute=0, perMessagePerSecond=2]",
						"HELPDESK_MESSAGE=RateLimit[perSecond=0, perMinute=30, perMessagePerSecond=0]",
						"MESSAGE_UPDATE=RateLimit[perSecond=7, perMinute=0, perMessagePerSecond=0]", "tokenSkew=PT5M",
						"httpPool=HttpPoolSettings[maxConnections=9, pendingAcquireMaxCount=8, maxIdleTime=PT11S]")
					.doesNotContain("app-secret-value")
					.doesNotContain("ht-x");
				assertThat(context.getBean(LarkApprovalBotProperties.class).toString()).doesNotContain("app-secret-value")
					.doesNotContain("ht-x");
			});
	}

	@Test
	void theDeprecatedRateLimitKeysSetTheirEndpointsUnlessTheEndpointsOwnKeysDo() {
		this.contextRunner.withPropertyValues(credentials())
			.withPropertyValues("lark.approval-bot.rate-limit.send-per-second=10",
					"lark.approval-bot.rate-limit.send-per-minute=100",
					"lark.approval-bot.rate-limit.patch-per-message-per-second=2",
					"lark.approval-bot.rate-limit.helpdesk-per-minute=30",
					"lark.approval-bot.rate-limit.message-send.per-second=12")
			.run((context) -> assertThat(context.getBean(ApprovalBotMessengerBuilder.class).toString()).contains(
					"MESSAGE_SEND=RateLimit[perSecond=12, perMinute=100, perMessagePerSecond=0]",
					"CARD_PATCH=RateLimit[perSecond=50, perMinute=0, perMessagePerSecond=2]",
					"HELPDESK_MESSAGE=RateLimit[perSecond=0, perMinute=30, perMessagePerSecond=0]"));
	}

	@Test
	void missingSecretFailsTheStartupNamingTheKey() {
		this.contextRunner.withPropertyValues("lark.approval-bot.app-id=cli_test").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidLarkPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("Property: lark.approval-bot.app-secret")
				.contains("Reason: must be set")
				.doesNotContain("Property: lark.approval-bot.app-id\n");
		});
	}

	@Test
	void blankCredentialsFailTheStartupNamingBothKeysWithoutTheirValues() {
		this.contextRunner.withPropertyValues("lark.approval-bot.app-id= ", "lark.approval-bot.app-secret= \t")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidLarkPropertiesFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: lark.approval-bot.app-id")
					.contains("Property: lark.approval-bot.app-secret");
			});
	}

	@Test
	void anUnknownEndpointUnderRateLimitFailsTheStartupNamingIt() {
		this.contextRunner.withPropertyValues(credentials())
			.withPropertyValues("lark.approval-bot.rate-limit.mesage-send.per-second=5",
					"lark.approval-bot.rate-limit.card-patch.per-second=-1")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidLarkPropertiesFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: lark.approval-bot.rate-limit.mesage-send")
					.contains("must be an endpoint: one of token, message-send")
					.contains("Property: lark.approval-bot.rate-limit.card-patch.per-second")
					.contains("Reason: must not be negative");
			});
	}

	@Test
	void backsOffForAUserMessenger() {
		this.contextRunner.withPropertyValues(credentials())
			.withBean("customMessenger", ApprovalBotMessenger.class,
					() -> ApprovalBotMessenger.builder().credentials("a", "b").build())
			.run((context) -> assertThat(context).hasSingleBean(ApprovalBotMessenger.class)
				.hasBean("customMessenger"));
	}

	@Test
	void backsOffForAUserTokenProvider() {
		this.contextRunner.withPropertyValues(credentials())
			.withUserConfiguration(FixedTokenConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(TenantAccessTokenProvider.class).hasBean("fixedToken");
				// The sandbox never issued t-fixed: it refuses it, and the messenger keeps to the user's provider.
				assertThatExceptionOfType(LarkAuthenticationException.class).isThrownBy(() -> context
					.getBean(ApprovalBotMessenger.class)
					.send(pendingApproval())
					.block(Duration.ofSeconds(10)));
				assertThat(tokenRequests()).isEmpty();
				assertThat(api().get(0).header("Authorization"))
					.isEqualTo("Bearer t-fixed");
			});
	}

	@Test
	void backsOffForAUserHealthIndicator() {
		this.contextRunner.withPropertyValues(credentials())
			.withBean("larkHealthIndicator", ReactiveHealthIndicator.class, () -> () -> Mono.just(Health.up().build()))
			.run((context) -> assertThat(context).doesNotHaveBean(LarkApprovalBotHealthIndicator.class)
				.hasBean("larkHealthIndicator"));
	}

	@Test
	void worksWithoutActuatorAndMicrometerMetrics() {
		this.contextRunner.withPropertyValues(credentials())
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health", "io.micrometer.core"))
			.run((context) -> {
				assertThat(context).hasSingleBean(ApprovalBotMessenger.class)
					.doesNotHaveBean(LarkApprovalBotHealthIndicator.class);
				context.getBean(ApprovalBotMessenger.class)
					.send(pendingApproval())
					.block(Duration.ofSeconds(10));
			});
	}

	@Test
	void healthIsUpWhenATokenCanBeFetched() {
		this.contextRunner.withPropertyValues(credentials()).run((context) -> {
			Health health = context.getBean(LarkApprovalBotHealthIndicator.class).health().block();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void healthIsDownWithLarksCodeButNoSecret() {
		this.contextRunner.withPropertyValues(credentials())
			.withPropertyValues("lark.approval-bot.app-secret=wrong-secret-value")
			.run((context) -> {
			Health health = context.getBean(LarkApprovalBotHealthIndicator.class).health().block();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("code", 10015)
				.containsEntry("msg", "app secret invalid")
				.containsEntry("endpoint", "token");
			assertThat(health.toString()).doesNotContain("wrong-secret-value");
			});
	}

	@Test
	void aFailedTokenFetchIsRememberedWithBackoffSoProbesDoNotCallLarkDuringAnOutage() {
		this.lark.inject(Fault.serverError().on(Endpoint.TOKEN).times(100));
		TestClock clock = new TestClock(Instant.parse("2026-11-21T00:00:00Z"));
		this.contextRunner.withPropertyValues(credentials()).run((context) -> {
			TenantAccessTokenProvider tokens = context.getBean(TenantAccessTokenProvider.class);
			LarkApprovalBotHealthIndicator health = new LarkApprovalBotHealthIndicator(() -> tokens, clock, Duration.ofSeconds(5),
					Duration.ofSeconds(20));
			int firstFetch = down(health);
			clock.advance(Duration.ofSeconds(4));
			assertThat(down(health)).as("within the first backoff").isEqualTo(firstFetch);
			clock.advance(Duration.ofSeconds(2));
			int secondFetch = down(health);
			assertThat(secondFetch).as("after 5 s").isGreaterThan(firstFetch);
			clock.advance(Duration.ofSeconds(6));
			assertThat(down(health)).as("the backoff doubled to 10 s").isEqualTo(secondFetch);
			this.lark.reset();
			clock.advance(Duration.ofSeconds(5));
			assertThat(health.health().block(Duration.ofSeconds(10)).getStatus()).isEqualTo(Status.UP);
		});
	}

	private int down(LarkApprovalBotHealthIndicator health) {
		assertThat(health.health().block(Duration.ofSeconds(10)).getStatus()).isEqualTo(Status.DOWN);
		return tokenRequests().size();
	}

	@Test
	void healthCanBeTurnedOff() {
		this.contextRunner.withPropertyValues(credentials())
			.withPropertyValues("management.health.lark.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LarkApprovalBotHealthIndicator.class));
	}

	@Test
	void appliesOurCustomizersAndBootsWebClientCustomizers() {
		AtomicBoolean customized = new AtomicBoolean();
		this.contextRunner.withPropertyValues(credentials())
			.withBean(ApprovalBotMessengerBuilderCustomizer.class,
					() -> (builder) -> customized.set(builder.callTimeout(Duration.ofSeconds(7)) == builder))
			.withBean(WebClientCustomizer.class,
					() -> (builder) -> builder.defaultHeader("X-Customized-By", "web-client-customizer"))
			.run((context) -> {
				context.getBean(ApprovalBotMessenger.class)
					.send(pendingApproval())
					.block(Duration.ofSeconds(10));
				assertThat(customized).isTrue();
				assertThat(api().get(0).header("X-Customized-By"))
					.isEqualTo("web-client-customizer");
				assertThat(tokenRequests().get(0).header("X-Customized-By"))
					.isEqualTo("web-client-customizer");
			});
	}

	@Test
	void observesRequestsAndTokenFetchesAsMetrics() {
		this.contextRunner.withPropertyValues(credentials())
			.withUserConfiguration(MetricsConfiguration.class)
			.run((context) -> {
				context.getBean(ApprovalBotMessenger.class)
					.send(pendingApproval())
					.block(Duration.ofSeconds(10));
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("lark.approval-bot.requests")
					.tags("endpoint", "message.send", "outcome", "success", "code", "0")
					.timer()
					.count()).isEqualTo(1);
				assertThat(meters.get("lark.approval-bot.token.fetches").tags("outcome", "success").timer().count())
					.isEqualTo(1);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class FixedTokenConfiguration {

		@Bean
		TenantAccessTokenProvider fixedToken() {
			return new TenantAccessTokenProvider() {
				@Override
				public Mono<String> token() {
					return Mono.just("t-fixed");
				}

				@Override
				public void invalidate(String rejectedToken) {
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MetricsConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meterRegistry) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
			return registry;
		}

	}

}
