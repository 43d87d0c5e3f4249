package io.github.larkapprovalbot.sample.sandbox;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class LarkSandboxEnvironmentPostProcessorTests {

	private final LarkSandboxEnvironmentPostProcessor postProcessor = new LarkSandboxEnvironmentPostProcessor();

	@Test
	void withoutCredentialsTheSandboxStartsAndTheStarterPointsAtIt() {
		MockEnvironment environment = new MockEnvironment().withProperty("sample.sandbox.port", "0");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		int port = environment.getProperty(LarkSandboxEnvironmentPostProcessor.RUNNING_PORT, Integer.class);
		try (LarkSandbox sandbox = LarkSandbox.running(port)) {
			assertThat(environment.getProperty("lark.approval-bot.base-url")).isEqualTo(sandbox.baseUrl());
			assertThat(environment.getProperty("lark.approval-bot.app-id")).isEqualTo(LarkSandbox.APP_ID);
			assertThat(environment.getProperty("lark.approval-bot.callback.key")).isEqualTo(LarkSandbox.CALLBACK_KEY);
		}
	}

	@Test
	void realCredentialsTurnTheSandboxOff() {
		MockEnvironment environment = new MockEnvironment().withProperty("lark.approval-bot.app-id", "cli_real")
			.withProperty("lark.approval-bot.app-secret", "secret");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.containsProperty(LarkSandboxEnvironmentPostProcessor.RUNNING_PORT)).isFalse();
		assertThat(environment.getProperty("lark.approval-bot.base-url")).isNull();
	}

}
