package io.github.larkapprovalbot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.ApprovalBotMessengers;
import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.HttpProxySettings;
import io.github.larkapprovalbot.TestHttpProxy;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.client.reactive.JdkClientHttpConnector;

import static io.github.larkapprovalbot.WebClientApprovalBotMessengerTests.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code lark.approval-bot.http.proxy.*} on each connector the starter makes, against a real proxy and the sandbox:
 * Reactor Netty (a WebFlux application, with and without Spring Boot's HTTP client module) and the JDK's
 * {@code HttpClient} (a Spring MVC application without Netty, with and without it). The sandbox is reached by a host
 * name no DNS knows, so that a call that arrives went through the proxy.
 */
class HttpProxyAutoConfigurationTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	private static final String PROXY = "lark.approval-bot.http.proxy.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class, WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
				CodecsAutoConfiguration.class))
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=0s");

	/** Without Netty: Spring Boot's HTTP client module picks the JDK's client. */
	private final ApplicationContextRunner jdk = this.contextRunner
		.withClassLoader(new FilteredClassLoader("reactor.netty"));

	/** Without Netty or Spring Boot's HTTP client modules: the starter makes the JDK's client itself. */
	private final ApplicationContextRunner plainJdk = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class))
		.withClassLoader(new FilteredClassLoader("reactor.netty", "org.springframework.boot.http.client",
				"org.springframework.boot.webclient"));

	/** Netty without Spring Boot's HTTP client modules: the starter makes the Reactor Netty client itself. */
	private final ApplicationContextRunner plainReactorNetty = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class))
		.withClassLoader(
				new FilteredClassLoader("org.springframework.boot.http.client", "org.springframework.boot.webclient"));

	final LarkSandbox lark = LarkSandbox.builder().credentials("cli_test", "app-secret-value").start();

	final TestHttpProxy proxy = TestHttpProxy.start();

	final TestHttpProxy authenticating = TestHttpProxy.start("proxy-user", "proxy-password-value");

	/** A context these tests fail on purpose warns as it gives up. */
	@RegisterExtension
	final CapturedLogs contextWarnings = CapturedLogs.of("org.springframework.context");

	@AfterEach
	void close() {
		this.proxy.close();
		this.authenticating.close();
		this.lark.close();
	}

	/** The app's credentials, with Lark at a host only the proxy reaches, or at another host. */
	private String[] app(String host) {
		return new String[] { "lark.approval-bot.app-id=cli_test", "lark.approval-bot.app-secret=app-secret-value",
				"lark.approval-bot.base-url=http://" + host + ":" + this.lark.port() };
	}

	private String[] through(TestHttpProxy proxy, String... more) {
		List<String> properties = new ArrayList<>(List.of(PROXY + "host=" + proxy.host(),
				PROXY + "port=" + proxy.port()));
		if (proxy == this.authenticating) {
			properties.add(PROXY + "username=proxy-user");
			properties.add(PROXY + "password=proxy-password-value");
		}
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	private void send(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		context.getBean(ApprovalBotMessenger.class).send(pendingApproval()).block(BLOCK);
		assertThat(this.lark.messagesTo("16fb9ff3")).hasSize(1);
	}

	private void assertReachedThrough(TestHttpProxy proxy, String method) {
		assertThat(proxy.forwarded()).hasSize(2)
			.allSatisfy((exchange) -> assertThat(exchange.method()).isEqualTo(method))
			.allSatisfy((exchange) -> assertThat(exchange.host()).isEqualTo(TestHttpProxy.UNRESOLVABLE_HOST));
		if (proxy == this.authenticating) {
			assertThat(proxy.forwarded()).allSatisfy(
					(exchange) -> assertThat(exchange.basicCredentials()).isEqualTo("proxy-user:proxy-password-value"));
		}
		// The credentials stay with the proxy; Lark's own bearer token arrives.
		assertThat(this.lark.requests()).allSatisfy(
				(request) -> assertThat(request.header("Proxy-Authorization")).isNull());
		assertThat(this.lark.requests(SandboxRequest.Endpoint.APPROVAL_SEND)).singleElement()
			.satisfies((request) -> assertThat(request.header("Authorization")).startsWith("Bearer t-"));
	}

	@Test
	void reactorNettyReachesLarkThroughTheProxy() {
		this.contextRunner.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(through(this.proxy))
			.run(this::send);
		// Netty opens a CONNECT tunnel, for plain http too.
		assertReachedThrough(this.proxy, "CONNECT");
	}

	@Test
	void reactorNettyGivesTheProxyItsCredentials() {
		this.contextRunner.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(through(this.authenticating))
			.run(this::send);
		assertReachedThrough(this.authenticating, "CONNECT");
	}

	@Test
	void reactorNettyReachesANonProxyHostDirectly() {
		this.contextRunner.withPropertyValues(app("localhost"))
			.withPropertyValues(through(this.proxy, PROXY + "non-proxy-hosts=*.internal,localhost"))
			.run(this::send);
		assertThat(this.proxy.exchanges()).isEmpty();
	}

	@Test
	void reactorNettyWithoutBootsHttpClientModuleGoesThroughTheProxy() {
		this.plainReactorNetty.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(through(this.authenticating))
			.run(this::send);
		assertReachedThrough(this.authenticating, "CONNECT");
	}

	@Test
	void jdkClientReachesLarkThroughTheProxy() {
		this.jdk.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(through(this.proxy))
			.run(this::send);
		// The JDK sends plain http requests to the proxy in absolute form.
		assertReachedThrough(this.proxy, "POST");
		assertThat(this.proxy.exchanges()).allSatisfy((exchange) -> assertThat(exchange.target())
			.startsWith("http://" + TestHttpProxy.UNRESOLVABLE_HOST + ":" + this.lark.port() + "/open-apis/"));
	}

	@Test
	void jdkClientGivesTheProxyItsCredentials() {
		this.jdk.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(through(this.authenticating))
			.run(this::send);
		assertReachedThrough(this.authenticating, "POST");
	}

	@Test
	void jdkClientReachesANonProxyHostDirectly() {
		this.jdk.withPropertyValues(app("localhost"))
			.withPropertyValues(through(this.authenticating, PROXY + "non-proxy-hosts=*.internal|LOCAL*"))
			.run(this::send);
		assertThat(this.authenticating.exchanges()).isEmpty();
		assertThat(this.lark.requests()).allSatisfy((request) -> {
			assertThat(request.header("Proxy-Authorization")).isNull();
			assertThat(request.header("User-Agent")).contains("Java-http-client");
		});
	}

	@Test
	void jdkClientWithoutBootsHttpClientModuleGoesThroughTheProxy() {
		this.plainJdk.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(through(this.authenticating))
			.run(this::send);
		assertReachedThrough(this.authenticating, "POST");
	}

	/** A named app takes the top-level proxy unless it sets its own: * reaches every host directly. */
	@Test
	void eachAppHasItsOwnProxy() {
		this.lark.addApp("cli_direct", "direct-secret-value");
		this.contextRunner.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(through(this.proxy))
			.withPropertyValues("lark.approval-bot.apps.direct.app-id=cli_direct",
					"lark.approval-bot.apps.direct.app-secret=direct-secret-value",
					"lark.approval-bot.apps.direct.base-url=http://localhost:" + this.lark.port(),
					"lark.approval-bot.apps.direct.http.proxy.non-proxy-hosts=*")
			.run((context) -> {
				ApprovalBotMessengers messengers = context.getBean(ApprovalBotMessengers.class);
				messengers.get("direct").send(pendingApproval()).block(BLOCK);
				assertThat(this.proxy.exchanges()).isEmpty();
				messengers.get("default").send(pendingApproval()).block(BLOCK);
				assertThat(this.proxy.forwarded()).hasSize(2);
			});
		assertThat(this.lark.messagesTo("16fb9ff3")).hasSize(2);
	}

	/** An app's proxy is one setting: naming its own proxy, an app never sends the top level's credentials there. */
	@Test
	void anAppsOwnProxyTakesNoCredentialsFromTheTopLevel() {
		this.lark.addApp("cli_other", "other-secret-value");
		this.contextRunner.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(through(this.authenticating))
			.withPropertyValues("lark.approval-bot.apps.other.app-id=cli_other",
					"lark.approval-bot.apps.other.app-secret=other-secret-value",
					"lark.approval-bot.apps.other.http.proxy.host=" + this.proxy.host(),
					"lark.approval-bot.apps.other.http.proxy.port=" + this.proxy.port())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(ApprovalBotMessengers.class).get("other").send(pendingApproval()).block(BLOCK);
			});
		assertThat(this.proxy.forwarded()).isNotEmpty()
			.allSatisfy((exchange) -> assertThat(exchange.basicCredentials()).isNull());
		assertThat(this.authenticating.exchanges()).isEmpty();
	}

	/** A customizer's proxy (credentials from a vault, say) is the one the connector goes through. */
	@Test
	void aProxyACustomizerSetsIsTheOneCallsGoThrough() {
		ApprovalBotMessengerBuilderCustomizer vault = (builder) -> builder.httpProxy(
				new HttpProxySettings(this.authenticating.host(), this.authenticating.port())
					.withCredentials("proxy-user", "proxy-password-value"));
		this.contextRunner.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(through(this.proxy))
			.withBean(ApprovalBotMessengerBuilderCustomizer.class, () -> vault)
			.run(this::send);
		assertThat(this.proxy.exchanges()).isEmpty();
		assertReachedThrough(this.authenticating, "CONNECT");
	}

	/** Another connector (Jetty's, Apache HttpComponents') keeps its own proxy: the call says so, not goes direct. */
	@Test
	void aProxyOnAnotherConnectorFailsTheCallSayingSo() {
		ClientHttpConnectorBuilder<JdkClientHttpConnector> other = (settings) -> new JdkClientHttpConnector();
		this.contextRunner.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(through(this.proxy))
			.withBean(ClientHttpConnectorBuilder.class, () -> other)
			.run((context) -> assertThatException()
				.isThrownBy(() -> context.getBean(ApprovalBotMessenger.class).send(pendingApproval()).block(BLOCK))
				.satisfies((ex) -> assertThat(stackText(ex)).contains(
						"lark.approval-bot.http.proxy applies to Reactor Netty and the JDK HttpClient")));
		assertThat(this.lark.requests()).isEmpty();
	}

	@Test
	void thePasswordIsMaskedInThePropertiesAndTheBuilder() {
		this.contextRunner.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(through(this.authenticating))
			.run((context) -> {
				LarkApprovalBotProperties properties = context.getBean(LarkApprovalBotProperties.class);
				assertThat(properties.getHttp().getProxy().toString()).contains("password=******")
					.doesNotContain("proxy-password-value");
				assertThat(properties.getHttp().toString()).contains("proxy=Proxy[host=localhost")
					.doesNotContain("proxy-password-value");
				assertThat(properties.toString()).doesNotContain("proxy-password-value");
				assertThat(context.getBean(ApprovalBotMessengerBuilder.class).toString())
					.contains("password=******")
					.doesNotContain("proxy-password-value");
			});
	}

	@Test
	void badProxyKeysFailTheStartupNamingEachWithoutThePassword() {
		this.contextRunner.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(PROXY + "host=proxy.example.com", PROXY + "port=70000",
					PROXY + "password=proxy-password-${PROXY_TEST_UNSET}", PROXY + "non-proxy-hosts=a*b")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidLarkPropertiesFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				// The port is refused first: the record checks one setting at a time.
				assertThat(analysis.getDescription()).contains("Property: lark.approval-bot.http.proxy.port")
					.contains("Value: \"70000\"")
					.contains("must be between 1 and 65535");
				assertNoPassword(context, analysis);
			});
		this.contextRunner.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(PROXY + "host=proxy.example.com", PROXY + "port=3128",
					PROXY + "password=proxy-password-${PROXY_TEST_UNSET}")
			.run((context) -> {
				FailureAnalysis analysis = new InvalidLarkPropertiesFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: lark.approval-bot.http.proxy.username")
					.contains("must be set");
				assertNoPassword(context, analysis);
			});
		this.contextRunner.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(PROXY + "host=proxy.example.com", PROXY + "port=3128", PROXY + "username=proxy-user",
					PROXY + "password=proxy-password-${PROXY_TEST_UNSET}")
			.run((context) -> {
				FailureAnalysis analysis = new InvalidLarkPropertiesFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: lark.approval-bot.http.proxy.password")
					.contains("Value: \"******\"")
					.contains("is the placeholder ${PROXY_TEST_UNSET}");
				assertNoPassword(context, analysis);
			});
	}

	@Test
	void anyProxyKeyWithoutTheHostFailsTheStartupNamingTheHost() {
		this.contextRunner.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(PROXY + "username=proxy-user", PROXY + "password=proxy-password-value")
			.run((context) -> {
				FailureAnalysis analysis = new InvalidLarkPropertiesFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: lark.approval-bot.http.proxy.host")
					.contains("must be set when any other http.proxy key is");
				assertNoPassword(context, analysis);
			});
		this.contextRunner.withPropertyValues(app(TestHttpProxy.UNRESOLVABLE_HOST))
			.withPropertyValues(PROXY + "host=proxy.example.com")
			.run((context) -> assertThat(new InvalidLarkPropertiesFailureAnalyzer()
				.analyze(context.getStartupFailure())
				.getDescription()).contains("Property: lark.approval-bot.http.proxy.port").contains("must be set"));
	}

	@Test
	void aNamedAppsBadProxyFailsTheStartupNamingItsKey() {
		this.contextRunner
			.withPropertyValues("lark.approval-bot.apps.other.app-id=cli_other",
					"lark.approval-bot.apps.other.app-secret=other-secret-value",
					"lark.approval-bot.apps.other.http.proxy.host=proxy.example.com",
					"lark.approval-bot.apps.other.http.proxy.port=0",
					"lark.approval-bot.apps.other.http.proxy.password=proxy-password-value")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(stackText(context.getStartupFailure()))
					.contains("lark.approval-bot.apps.other.http.proxy.port")
					.doesNotContain("proxy-password-value");
			});
	}

	private static void assertNoPassword(AssertableApplicationContext context, FailureAnalysis analysis) {
		assertThat(analysis.getDescription()).doesNotContain("proxy-password");
		assertThat(stackText(context.getStartupFailure())).doesNotContain("proxy-password");
	}

	private static String stackText(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			text.append(cause).append('\n');
		}
		return text.toString();
	}

}
