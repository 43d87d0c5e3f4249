package io.github.larkapprovalbot.test;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link AutoConfigureLarkSandbox} in a plain Spring test: the sandbox bean, the properties that point at it (for the
 * top-level app and for each app configured under {@code lark.approval-bot.apps}), the reset between tests, and a
 * server that never outlives its context.
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
	void everyConfiguredAppIsPointedAtTheSandboxAndNoTopLevelAppIsInvented() {
		Map<String, Object> application = new LinkedHashMap<>();
		application.put("server.servlet.context-path", "/oa");
		application.put("lark.approval-bot.apps.hr.callback.path", "/hooks/hr");
		application.put("lark.approval-bot.apps.payroll.app-id", "cli_payroll");
		application.put("lark.approval-bot.apps.payroll.app-secret", "payroll-secret");
		application.put("lark.approval-bot.apps.payroll.helpdesk.id", "payroll-helpdesk");
		application.put("lark.approval-bot.apps.payroll.helpdesk.token", "ht-payroll");
		application.put("lark.approval-bot.apps.payroll.callback.token", "payroll-callback-token");
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addLast(new MapPropertySource("application", application));
		customize(context);
		context.refresh();
		try {
			Environment environment = context.getEnvironment();
			LarkSandbox sandbox = context.getBean(LarkSandbox.class);
			assertThat(environment.getProperty("lark.approval-bot.base-url")).isEqualTo(sandbox.baseUrl());
			for (String key : TOP_LEVEL_APP_KEYS) {
				assertThat(environment.getProperty("lark.approval-bot." + key)).as(key).isNull();
			}
			assertThat(suppliedNames(context)).containsExactlyInAnyOrder("lark.approval-bot.base-url",
					"lark.approval-bot.apps.hr.app-id", "lark.approval-bot.apps.hr.app-secret",
					"lark.approval-bot.apps.hr.helpdesk.id", "lark.approval-bot.apps.hr.helpdesk.token",
					"lark.approval-bot.apps.hr.callback.url", "lark.approval-bot.apps.hr.callback.token",
					"lark.approval-bot.apps.hr.callback.key", "lark.approval-bot.apps.payroll.callback.url",
					"lark.approval-bot.apps.payroll.callback.key");

			assertThat(environment.getProperty("lark.approval-bot.apps.hr.app-id")).isEqualTo("cli_sandbox_hr");
			assertThat(environment.getProperty("lark.approval-bot.apps.hr.app-secret")).isNotBlank();
			assertThat(environment.getProperty("lark.approval-bot.apps.hr.callback.url"))
				.isEqualTo(sandbox.baseUrl() + "/app/oa/hooks/hr");
			assertThat(environment.getProperty("lark.approval-bot.apps.payroll.app-id")).isEqualTo("cli_payroll");
			assertThat(environment.getProperty("lark.approval-bot.apps.payroll.app-secret")).isEqualTo("payroll-secret");
			assertThat(environment.getProperty("lark.approval-bot.apps.payroll.helpdesk.id")).isEqualTo("payroll-helpdesk");
			assertThat(environment.getProperty("lark.approval-bot.apps.payroll.callback.url"))
				.isEqualTo(sandbox.baseUrl() + "/app/oa/lark/approval/callback/payroll");
			assertThat(environment.getProperty("lark.approval-bot.apps.payroll.callback.token"))
				.isEqualTo("payroll-callback-token");
			for (String key : List.of("helpdesk.id", "helpdesk.token", "callback.token", "callback.key")) {
				assertThat(environment.getProperty("lark.approval-bot.apps.hr." + key)).as(key)
					.isNotBlank()
					.isNotEqualTo(environment.getProperty("lark.approval-bot.apps.payroll." + key));
			}

			// The sandbox accepts the credentials each app finally has, its own or the sandbox's.
			Wire wire = new Wire(sandbox);
			String hr = appToken(wire, environment, "hr");
			String payroll = appToken(wire, environment, "payroll");
			assertThat(hr).isNotEqualTo(payroll);
			assertThat(tokenAnswer(wire, "cli_payroll", "sandbox-app-secret-payroll").code()).isEqualTo(10015);
			assertThat(helpdesk(wire, hr, environment, "hr").code()).isZero();
			assertThat(helpdesk(wire, payroll, environment, "payroll").code()).isZero();
			assertThat(helpdesk(wire, hr, environment, "payroll").code()).isEqualTo(154001);
			assertThat(sandbox.requests(SandboxRequest.Endpoint.HELPDESK)).extracting(SandboxRequest::appId)
				.containsExactly("cli_sandbox_hr", "cli_payroll", "cli_sandbox_hr");
		}
		finally {
			context.close();
		}
	}

	@Test
	void aTopLevelAppIdKeepsTheTopLevelAppBesideTheApps() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addLast(new MapPropertySource("application",
				Map.of("lark.approval-bot.app-id", "cli_main", "lark.approval-bot.apps[hr].callback.path", "/hr")));
		customize(context);
		context.refresh();
		try {
			Environment environment = context.getEnvironment();
			LarkSandbox sandbox = context.getBean(LarkSandbox.class);
			assertThat(environment.getProperty("lark.approval-bot.app-id")).isEqualTo(sandbox.appId());
			assertThat(environment.getProperty("lark.approval-bot.app-secret")).isEqualTo(sandbox.appSecret());
			assertThat(environment.getProperty("lark.approval-bot.callback.url"))
				.isEqualTo(sandbox.baseUrl() + "/app/lark/approval/callback");
			assertThat(environment.getProperty("lark.approval-bot.apps.hr.app-id")).isEqualTo("cli_sandbox_hr");
			assertThat(environment.getProperty("lark.approval-bot.apps.hr.callback.url"))
				.isEqualTo(sandbox.baseUrl() + "/app/hr");
			appToken(new Wire(sandbox), environment, "hr");
		}
		finally {
			context.close();
		}
	}

	@Test
	void appsInSpringBootsRelaxedFormsArePointedAtTheSandbox() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addLast(new SystemEnvironmentPropertySource("test-systemEnvironment",
				Map.of("LARK_APPROVALBOT_APPS_OPS_APPID", "cli_ops", "LARK_APPROVALBOT_APPS_OPS_APPSECRET", "ops-secret")));
		environment.getPropertySources().addLast(new MapPropertySource("application",
				Map.of("lark.approvalBot.apps.audit.callback.path", "/hooks/audit")));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.environment(environment)
			.initializers((initialized) -> customize((GenericApplicationContext) initialized))
			.run()) {
			Environment resolved = context.getEnvironment();
			LarkSandbox sandbox = context.getBean(LarkSandbox.class);
			assertThat(resolved.getProperty("lark.approval-bot.base-url")).isEqualTo(sandbox.baseUrl());
			assertThat(resolved.getProperty("lark.approval-bot.app-id")).isNull();
			assertThat(resolved.getProperty("lark.approval-bot.apps.ops.app-id")).isEqualTo("cli_ops");
			assertThat(resolved.getProperty("lark.approval-bot.apps.ops.app-secret")).isEqualTo("ops-secret");
			assertThat(resolved.getProperty("lark.approval-bot.apps.ops.callback.url"))
				.isEqualTo(sandbox.baseUrl() + "/app/lark/approval/callback/ops");
			assertThat(resolved.getProperty("lark.approval-bot.apps.audit.app-id")).isEqualTo("cli_sandbox_audit");
			assertThat(resolved.getProperty("lark.approval-bot.apps.audit.callback.url"))
				.isEqualTo(sandbox.baseUrl() + "/app/hooks/audit");
			assertThat(suppliedNames(context)).doesNotContain("lark.approval-bot.apps.ops.app-id",
					"lark.approval-bot.apps.ops.app-secret", "lark.approval-bot.app-id");
			// As the starter binds them: the configured values win over the sandbox's defaults.
			assertThat(Binder.get(resolved).bind("lark.approval-bot.apps", Bindable.mapOf(String.class, Object.class))
				.get()).containsOnlyKeys("ops", "audit");
			assertThat(Binder.get(resolved).bind("lark.approval-bot.apps.ops.app-id", String.class).get())
				.isEqualTo("cli_ops");
			Wire wire = new Wire(sandbox);
			appToken(wire, resolved, "ops");
			appToken(wire, resolved, "audit");
			assertThat(tokenAnswer(wire, "cli_ops", "sandbox-app-secret-ops").code()).isEqualTo(10015);
		}
	}

	@Test
	void contextsWithTheSameConfigurationShareOne() {
		assertThat(new LarkSandboxContextCustomizer()).isEqualTo(new LarkSandboxContextCustomizer())
			.hasSameHashCodeAs(new LarkSandboxContextCustomizer());
		assertThat(new LarkSandboxContextCustomizerFactory().createContextCustomizer(Config.class, List.of()))
			.isNull();
	}

	private static final List<String> TOP_LEVEL_APP_KEYS = List.of("app-id", "app-secret", "helpdesk.id",
			"helpdesk.token", "callback.url", "callback.token", "callback.key");

	private static List<String> suppliedNames(ConfigurableApplicationContext context) {
		PropertySource<?> source = context.getEnvironment().getPropertySources().get("larkSandbox");
		return List.of(((EnumerablePropertySource<?>) source).getPropertyNames());
	}

	private static Wire.Answer tokenAnswer(Wire wire, String appId, String appSecret) {
		return wire.post("/open-apis/auth/v3/tenant_access_token/internal", null,
				Wire.JSON.createObjectNode().put("app_id", appId).put("app_secret", appSecret));
	}

	/** A token for an app with the credentials the environment gives it, which the sandbox must accept. */
	private static String appToken(Wire wire, Environment environment, String app) {
		Wire.Answer answer = tokenAnswer(wire, environment.getProperty("lark.approval-bot.apps." + app + ".app-id"),
				environment.getProperty("lark.approval-bot.apps." + app + ".app-secret"));
		assertThat(answer.code()).as("the token of " + app).isZero();
		return answer.body().path("tenant_access_token").asString();
	}

	/** A helpdesk call with a token and the helpdesk credentials the environment gives an app. */
	private static Wire.Answer helpdesk(Wire wire, String token, Environment environment, String app) {
		return wire.call("POST", "/open-apis/helpdesk/v1/message", "Bearer " + token, "application/json",
				Wire.JSON.createObjectNode().put("msg_type", "text").put("content", "{\"text\":\"hi\"}")
					.put("receiver_id", "ou_1").toString(),
				Wire.helpdeskAuthorization(environment.getProperty("lark.approval-bot.apps." + app + ".helpdesk.id"),
						environment.getProperty("lark.approval-bot.apps." + app + ".helpdesk.token")));
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
