package io.github.larkapprovalbot.autoconfigure;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.DefaultLarkObservationConvention;
import io.github.larkapprovalbot.LarkObservationConvention;
import io.github.larkapprovalbot.SentMessage;
import io.github.larkapprovalbot.health.LarkApprovalBotHealthIndicator;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import static io.github.larkapprovalbot.WebClientApprovalBotMessengerTests.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the auto-configured messenger is built: each customizer once for the application's messenger and token
 * provider, the expensive parts (Bean Validation, the HTTP client) made by its first call off the caller's thread,
 * and the application's observation convention naming its observations.
 */
class MessengerBuildTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class,
				LarkApprovalBotHealthContributorAutoConfiguration.class, WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
				CodecsAutoConfiguration.class))
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=0s");

	private final LarkSandbox lark = LarkSandbox.start();

	@AfterEach
	void closeLark() {
		this.lark.close();
	}

	private String[] credentials() {
		return new String[] { "lark.approval-bot.app-id=" + this.lark.appId(),
				"lark.approval-bot.app-secret=" + this.lark.appSecret(),
				"lark.approval-bot.base-url=" + this.lark.baseUrl() };
	}

	@Test
	void eachCustomizerRunsOnceForTheApplicationsMessengerAndTokenProvider() {
		AtomicInteger first = new AtomicInteger();
		AtomicInteger second = new AtomicInteger();
		this.contextRunner.withPropertyValues(credentials())
			.withBean("firstCustomizer", ApprovalBotMessengerBuilderCustomizer.class,
					() -> (builder) -> first.incrementAndGet())
			.withBean("secondCustomizer", ApprovalBotMessengerBuilderCustomizer.class,
					() -> (builder) -> second.incrementAndGet())
			.run((context) -> {
				ApprovalBotMessenger messenger = context.getBean(ApprovalBotMessenger.class);
				messenger.send(pendingApproval()).block(BLOCK);
				messenger.send(pendingApproval()).block(BLOCK);
				assertThat(context.getBean(TenantAccessTokenProvider.class).token().block(BLOCK)).isNotBlank();
				assertThat(context.getBean(LarkApprovalBotHealthIndicator.class).health().block(BLOCK).getStatus())
					.isEqualTo(Status.UP);
				assertThat(first).hasValue(1);
				assertThat(second).hasValue(1);
				assertThat(this.lark.messages()).hasSize(2);

				// An injected builder is a fresh one, on which the customizers run again, as they should.
				ApprovalBotMessengerBuilder builder = context.getBean(ApprovalBotMessengerBuilder.class);
				assertThat(builder).isNotNull();
				assertThat(first).hasValue(2);
				assertThat(second).hasValue(2);
				messenger.send(pendingApproval()).block(BLOCK);
				assertThat(first).hasValue(2);
			});
	}

	@Test
	void theFirstCallBootstrapsBeanValidationAndTheHttpClientOffTheCallersThread() {
		this.contextRunner.withPropertyValues(credentials())
			.withUserConfiguration(ThreadRecordingConfiguration.class)
			.run((context) -> {
				ThreadRecorder threads = context.getBean(ThreadRecorder.class);
				assertThat(context.getBeanFactory().containsSingleton("recordingValidator"))
					.as("Bean Validation bootstrapped at startup")
					.isFalse();
				assertThat(threads.validator.get()).isNull();
				assertThat(threads.webClientBuilders).isEmpty();

				ApprovalBotMessenger messenger = context.getBean(ApprovalBotMessenger.class);
				AtomicReference<SentMessage> sent = new AtomicReference<>();
				AtomicReference<Throwable> failure = new AtomicReference<>();
				Thread caller = new Thread(() -> {
					try {
						sent.set(messenger.send(pendingApproval()).block(BLOCK));
					}
					catch (Throwable ex) {
						failure.set(ex);
					}
				}, "caller");
				caller.start();
				caller.join(BLOCK.toMillis());
				assertThat(failure.get()).isNull();
				assertThat(sent.get()).isNotNull();

				assertThat(threads.validator.get()).as("thread that bootstrapped Bean Validation")
					.isNotNull()
					.isNotEqualTo("caller")
					.startsWith("boundedElastic");
				assertThat(threads.webClientBuilders).as("threads that made the HTTP client")
					.isNotEmpty()
					.doesNotContain("caller")
					.allSatisfy((name) -> assertThat(name).startsWith("boundedElastic"));
			});
	}

	@Test
	void anObservationConventionBeanNamesTheObservations() {
		this.contextRunner.withPropertyValues(credentials())
			.withUserConfiguration(MetricsConfiguration.class)
			.withBean(LarkObservationConvention.class, () -> new DefaultLarkObservationConvention("custom.lark.calls"))
			.run((context) -> {
				context.getBean(ApprovalBotMessenger.class).send(pendingApproval()).block(BLOCK);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("custom.lark.calls")
					.tags("endpoint", "message.send", "outcome", "success")
					.timer()
					.count()).isEqualTo(1);
				assertThat(meters.find(DefaultLarkObservationConvention.REQUESTS).timers()).isEmpty();
			});
	}

	/** Where the first call made what it needs. */
	static final class ThreadRecorder {

		final AtomicReference<String> validator = new AtomicReference<>();

		final Set<String> webClientBuilders = ConcurrentHashMap.newKeySet();

	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadRecordingConfiguration {

		@Bean
		ThreadRecorder threadRecorder() {
			return new ThreadRecorder();
		}

		/** The application's Bean Validation provider, bootstrapped when first asked for. */
		@Bean
		@Lazy
		Validator recordingValidator(ThreadRecorder recorder) {
			recorder.validator.set(Thread.currentThread().getName());
			return Validation.buildDefaultValidatorFactory().getValidator();
		}

		/** Runs when a WebClient.Builder is made, that is when the messenger makes its HTTP client. */
		@Bean
		WebClientCustomizer recordingWebClientCustomizer(ThreadRecorder recorder) {
			return (builder) -> recorder.webClientBuilders.add(Thread.currentThread().getName());
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
