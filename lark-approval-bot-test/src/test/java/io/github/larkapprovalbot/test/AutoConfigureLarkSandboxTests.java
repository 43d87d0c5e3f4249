package io.github.larkapprovalbot.test;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link AutoConfigureLarkSandbox} in a plain Spring test: the sandbox bean, the properties that point at it, the
 * reset between tests, and a server that never outlives its context.
 */
@SpringJUnitConfig(AutoConfigureLarkSandboxTests.Config.class)
@AutoConfigureLarkSandbox
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureLarkSandboxTests {

	@Autowired
	LarkSandbox sandbox;

	@Autowired
	Environment environment;

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

	@Test
	@Order(1)
	void thePropertiesPointAtTheSandbox() {
		assertThat(this.environment.getProperty("lark.approval-bot.base-url")).isEqualTo(this.sandbox.baseUrl());
		assertThat(this.environment.getProperty("lark.approval-bot.app-id")).isEqualTo(this.sandbox.appId());
		assertThat(this.environment.getProperty("lark.approval-bot.app-secret")).isEqualTo(this.sandbox.appSecret());
		assertThat(this.environment.getProperty("lark.approval-bot.helpdesk.id")).isEqualTo(this.sandbox.helpdeskId());
		assertThat(this.environment.getProperty("lark.approval-bot.helpdesk.token"))
			.isEqualTo(this.sandbox.helpdeskToken());
		assertThat(this.environment.getProperty("lark.approval-bot.callback.url"))
			.isEqualTo(this.sandbox.baseUrl() + "/app/lark/approval/callback");
		assertThat(this.environment.getProperty("lark.approval-bot.callback.token")).isNotBlank();
		assertThat(this.environment.getProperty("lark.approval-bot.callback.key")).isNotBlank();
	}

	@Test
	@Order(2)
	void aTestLeavesMessages() {
		new Wire(this.sandbox).send(Wire.pendingApproval("u-1"));
		assertThat(this.sandbox.messages()).hasSize(1);
	}

	@Test
	@Order(3)
	void theNextTestStartsFromAnEmptySandbox() {
		assertThat(this.sandbox.messages()).isEmpty();
		assertThat(this.sandbox.requests()).isEmpty();
	}

	@Test
	@Order(4)
	void withoutAWebServerAClickSaysWhatIsMissing() {
		String card = new Wire(this.sandbox).send(Wire.pendingApproval("u-1")
			.set("action_callback", Wire.JSON.createObjectNode().put("action_callback_url",
					this.environment.getProperty("lark.approval-bot.callback.url"))))
			.body().at("/data/message_id").asString();
		assertThat(this.sandbox.fire(card, "APPROVE", null).message()).contains("RANDOM_PORT");
		assertThat(this.sandbox.click(card, "APPROVE")).isEqualTo(502);
	}

	@Test
	void theCallbackUrlFollowsTheApplicationsPaths() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addLast(new MapPropertySource("application",
				Map.of("server.servlet.context-path", "/oa/", "lark.approval-bot.callback.path", "/hooks/lark")));
		customize(context);
		context.refresh();
		try {
			assertThat(context.getEnvironment().getProperty("lark.approval-bot.callback.url"))
				.isEqualTo(context.getBean(LarkSandbox.class).baseUrl() + "/app/oa/hooks/lark");
		}
		finally {
			context.close();
		}
	}

	@Test
	void aContextThatFailsToStartLeavesNoServer() {
		AtomicReference<String> started = new AtomicReference<>();
		GenericApplicationContext context = new GenericApplicationContext();
		customize(context);
		// As a condition on a lark property does, before any bean exists.
		context.addBeanFactoryPostProcessor((beanFactory) -> {
			started.set(context.getEnvironment().getProperty("lark.approval-bot.base-url"));
			throw new IllegalStateException("this bean fails");
		});
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(context::refresh)
			.withStackTraceContaining("this bean fails");
		assertThat(started.get()).startsWith("http://localhost:");
		assertRefused(started.get());
	}

	@Test
	void closingTheContextStopsTheServer() {
		GenericApplicationContext context = new GenericApplicationContext();
		customize(context);
		context.refresh();
		String url = context.getBean(LarkSandbox.class).baseUrl();
		assertThat(new Wire(context.getBean(LarkSandbox.class)).token()).startsWith("t-");
		context.close();
		assertRefused(url);
	}

	@Test
	void contextsWithTheSameConfigurationShareOne() {
		assertThat(new LarkSandboxContextCustomizer()).isEqualTo(new LarkSandboxContextCustomizer())
			.hasSameHashCodeAs(new LarkSandboxContextCustomizer());
		assertThat(new LarkSandboxContextCustomizerFactory().createContextCustomizer(Config.class, List.of()))
			.isNull();
	}

	private static void customize(GenericApplicationContext context) {
		new LarkSandboxContextCustomizer().customizeContext(context, new MergedContextConfiguration(
				AutoConfigureLarkSandboxTests.class, null, new Class<?>[] { Config.class }, null, null));
	}

	private static void assertRefused(String url) {
		URI uri = URI.create(url);
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> {
			try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
				throw new IllegalStateException("connected to " + url);
			}
		});
	}

}
