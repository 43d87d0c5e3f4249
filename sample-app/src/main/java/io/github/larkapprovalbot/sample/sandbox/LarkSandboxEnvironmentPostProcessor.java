package io.github.larkapprovalbot.sample.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the Lark sandbox and points the starter at it when the application has no Lark credentials: the sample
 * runs out of the box, and setting {@code lark.approval-bot.app-id} and {@code app-secret} turns the sandbox off.
 * Runs after the application's configuration files are loaded.
 */
public class LarkSandboxEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String RUNNING_PORT = "sample.sandbox.running-port";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("lark.approval-bot.app-id")
				|| !environment.getProperty("sample.sandbox.enabled", Boolean.class, true)
				|| environment.containsProperty(RUNNING_PORT)) {
			return;
		}
		LarkSandbox sandbox = LarkSandbox.start(environment.getProperty("sample.sandbox.port", Integer.class, 8089),
				environment.getProperty("sample.sandbox.token-lifetime", Duration.class, Duration.ofHours(2)));
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("lark.approval-bot.app-id", LarkSandbox.APP_ID);
		properties.put("lark.approval-bot.app-secret", LarkSandbox.APP_SECRET);
		properties.put("lark.approval-bot.base-url", sandbox.baseUrl());
		properties.put("lark.approval-bot.helpdesk.id", LarkSandbox.HELPDESK_ID);
		properties.put("lark.approval-bot.helpdesk.token", LarkSandbox.HELPDESK_TOKEN);
		properties.put("lark.approval-bot.callback.token", LarkSandbox.CALLBACK_TOKEN);
		properties.put("lark.approval-bot.callback.key", LarkSandbox.CALLBACK_KEY);
		properties.put(RUNNING_PORT, sandbox.port());
		environment.getPropertySources().addFirst(new MapPropertySource("larkSandbox", properties));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
