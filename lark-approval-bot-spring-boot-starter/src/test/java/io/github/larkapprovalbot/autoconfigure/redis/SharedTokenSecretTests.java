package io.github.larkapprovalbot.autoconfigure.redis;

import java.time.Duration;
import java.util.Set;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.LarkAuthenticationException;
import io.github.larkapprovalbot.WebClientApprovalBotMessengerTests;
import io.github.larkapprovalbot.health.LarkApprovalBotHealthIndicator;
import io.github.larkapprovalbot.redis.RedisServer;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two instances of one app on one Redis, one of them configured with a wrong app secret: the token the right one
 * fetched and shared is not the wrong one's to use, and no Redis key reveals a secret.
 */
class SharedTokenSecretTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	private static final String APP_ID = "cli_shared";

	private static final String RIGHT_SECRET = "right-secret-7f3a9c";

	private static final String WRONG_SECRET = "wrong-secret-2b8e1d";

	private final RedisServer redis = RedisServer.onFreePort();

	private final LarkSandbox sandbox = LarkSandbox.builder().credentials(APP_ID, RIGHT_SECRET).start();

	private ConfigurableApplicationContext right;

	private ConfigurableApplicationContext wrong;

	@BeforeEach
	void startInstances() {
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		try {
			this.right = instance(RIGHT_SECRET);
			this.wrong = instance(WRONG_SECRET);
		}
		finally {
			System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
		}
	}

	@AfterEach
	void stop() {
		if (this.right != null) {
			this.right.close();
		}
		if (this.wrong != null) {
			this.wrong.close();
		}
		this.sandbox.close();
		this.redis.close();
	}

	private ConfigurableApplicationContext instance(String secret) {
		return new SpringApplicationBuilder(TokenApp.class).web(WebApplicationType.NONE)
			.properties("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.redis.port(),
					"lark.approval-bot.store=redis", "lark.approval-bot.app-id=" + APP_ID,
					"lark.approval-bot.app-secret=" + secret, "lark.approval-bot.base-url=" + this.sandbox.baseUrl())
			.run();
	}

	@Test
	void anInstanceWithAWrongSecretDoesNotSendOnTheTokenTheRightOneShared() {
		send(this.right);
		StringRedisTemplate redis = this.right.getBean(StringRedisTemplate.class);
		Set<String> tokenKeys = redis.keys("lark-approval-bot:" + APP_ID + ":token*");
		assertThat(tokenKeys).as("the key of the token the right instance shared").hasSize(1);
		String sharedKey = tokenKeys.iterator().next();
		String shared = redis.opsForValue().get(sharedKey);
		assertThat(shared).isNotNull();

		assertThatExceptionOfType(LarkAuthenticationException.class).isThrownBy(() -> send(this.wrong))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(10015));
		Health health = this.wrong.getBean("larkHealthIndicator", LarkApprovalBotHealthIndicator.class)
			.health()
			.block(BLOCK);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);

		send(this.right);
		assertThat(this.right.getBean("larkHealthIndicator", LarkApprovalBotHealthIndicator.class)
			.health()
			.block(BLOCK)
			.getStatus()).isEqualTo(Status.UP);

		// Only the right instance reached the API, on the token it shared; the wrong one asked Lark for its own.
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.APPROVAL_SEND)).hasSize(2)
			.allSatisfy((request) -> assertThat(request.header("Authorization")).isEqualTo("Bearer " + shared));
		assertThat(this.sandbox.messages()).hasSize(2);
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.TOKEN))
			.anySatisfy((request) -> assertThat(request.body()).contains(WRONG_SECRET));
		assertThat(redis.opsForValue().get(sharedKey)).isEqualTo(shared);

		assertThat(redis.keys("*")).contains(sharedKey)
			.noneSatisfy((key) -> assertThat(key).containsAnyOf(RIGHT_SECRET, WRONG_SECRET));
		assertThat(sharedKey).isEqualTo("lark-approval-bot:" + APP_ID + ":token:"
				+ CachingTenantAccessTokenProvider.secretFingerprint(RIGHT_SECRET));
	}

	private static void send(ConfigurableApplicationContext instance) {
		instance.getBean(ApprovalBotMessenger.class)
			.send(WebClientApprovalBotMessengerTests.pendingApproval())
			.block(BLOCK);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TokenApp {

	}

}
