package io.github.larkapprovalbot.autoconfigure.apps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.larkapprovalbot.ApprovalBotMessengers;
import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.LarkAuthenticationException;
import io.github.larkapprovalbot.WebClientApprovalBotMessengerTests;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotHealthContributorAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.callback.LarkApprovalCallbackAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.redis.LarkRedisStoreAutoConfiguration;
import io.github.larkapprovalbot.callback.ApprovalActionStore;
import io.github.larkapprovalbot.redis.RedisServer;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Nothing of one app is used for another: a wrong secret stays in its app's calls and health part, a token provider
 * qualified for one app serves it alone, and in Redis every app has its own keys.
 */
class SeveralAppsIsolationTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	private final LarkSandbox lark = LarkSandbox.builder().app("cli_a", "secret-a").app("cli_b", "secret-b").start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class,
				LarkApprovalBotHealthContributorAutoConfiguration.class))
		.withPropertyValues("lark.approval-bot.base-url=" + this.lark.baseUrl(), "lark.approval-bot.apps.a.app-id=cli_a",
				"lark.approval-bot.apps.a.app-secret=secret-a", "lark.approval-bot.apps.b.app-id=cli_b");

	/** The failed token fetch of the app with a wrong secret is logged by nobody but the test. */
	@RegisterExtension
	final CapturedLogs warnings = CapturedLogs.of("io.github.larkapprovalbot", "org.springframework.context",
			"io.lettuce.core");

	@AfterEach
	void closeLark() {
		this.lark.close();
	}

	@Test
	void anAppWithAWrongSecretFailsItsOwnCallsAndHealthWhileTheOtherSends() {
		this.contextRunner.withPropertyValues("lark.approval-bot.apps.b.app-secret=wrong").run((context) -> {
			ApprovalBotMessengers messengers = context.getBean(ApprovalBotMessengers.class);
			assertThatExceptionOfType(LarkAuthenticationException.class)
				.isThrownBy(() -> messengers.get("b").send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(10015));
			assertThat(messengers.get("a").send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK))
				.isNotNull();
			CompositeReactiveHealthContributor health = context.getBean("larkHealthContributor",
					CompositeReactiveHealthContributor.class);
			assertThat(((ReactiveHealthIndicator) health.getContributor("a")).health().block(BLOCK).getStatus())
				.isEqualTo(Status.UP);
			assertThat(((ReactiveHealthIndicator) health.getContributor("b")).health().block(BLOCK).getStatus())
				.isEqualTo(Status.DOWN);
			assertThat(this.lark.requests(SandboxRequest.Endpoint.APPROVAL_SEND)).extracting(SandboxRequest::appId)
				.containsExactly("cli_a");
		});
	}

	@Test
	void aTokenProviderQualifiedForOneAppServesThatAppAlone() {
		this.contextRunner.withPropertyValues("lark.approval-bot.apps.b.app-secret=secret-b")
			.withUserConfiguration(QualifiedTokenProvider.class)
			.run((context) -> {
				ApprovalBotMessengers messengers = context.getBean(ApprovalBotMessengers.class);
				messengers.get("a").send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK);
				assertThatExceptionOfType(LarkAuthenticationException.class).isThrownBy(
						() -> messengers.get("b").send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK));
				List<String> bearers = new ArrayList<>();
				this.lark.requests(SandboxRequest.Endpoint.APPROVAL_SEND)
					.forEach((request) -> bearers.add(request.header("Authorization")));
				assertThat(bearers.get(0)).isNotEqualTo("Bearer t-qualified-for-b");
				assertThat(bearers.subList(1, bearers.size())).containsOnly("Bearer t-qualified-for-b");
			});
	}

	@Test
	void inRedisEveryAppHasItsOwnKeys() {
		try (RedisServer redis = RedisServer.onFreePort()) {
			this.contextRunner
				.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
						LarkRedisStoreAutoConfiguration.class, LarkApprovalCallbackAutoConfiguration.class))
				.withPropertyValues("lark.approval-bot.apps.b.app-secret=secret-b", "lark.approval-bot.store=redis",
						"lark.approval-bot.apps.a.callback.token=cb-a", "lark.approval-bot.apps.b.callback.token=cb-b",
						"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port())
				.run((context) -> {
					ApprovalBotMessengers messengers = context.getBean(ApprovalBotMessengers.class);
					messengers.get("a").send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK);
					messengers.get("b").send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK);
					Set<String> keys = keys(redis);
					assertThat(keys).contains("lark-approval-bot:cli_a:limit:message.send",
							"lark-approval-bot:cli_b:limit:message.send",
							"lark-approval-bot:cli_a:token:" + CachingTenantAccessTokenProvider.secretFingerprint("secret-a"),
							"lark-approval-bot:cli_b:token:" + CachingTenantAccessTokenProvider.secretFingerprint("secret-b"));
					assertThat(context).doesNotHaveBean(ApprovalActionStore.class);
				});
		}
	}

	private static Set<String> keys(RedisServer redis) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
		factory.afterPropertiesSet();
		try {
			return new TreeSet<>(new StringRedisTemplate(factory).keys("*"));
		}
		finally {
			factory.destroy();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedTokenProvider {

		@Bean
		@Qualifier("b")
		TenantAccessTokenProvider bTokenProvider() {
			return new TenantAccessTokenProvider() {

				@Override
				public Mono<String> token() {
					return Mono.just("t-qualified-for-b");
				}

				@Override
				public void invalidate(String rejectedToken) {
				}

			};
		}

	}

}
