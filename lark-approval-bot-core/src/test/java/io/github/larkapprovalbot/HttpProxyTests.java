package io.github.larkapprovalbot;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.larkapprovalbot.internal.JdkHttpProxy;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest.Endpoint;
import io.github.larkapprovalbot.validation.InvalidSettingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.larkapprovalbot.WebClientApprovalBotMessengerTests.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The default connectors behind an HTTP proxy, against a real proxy and the sandbox: Reactor Netty (the default where
 * Netty is, as in these tests) and the JDK's {@code HttpClient} as {@link ApprovalBotMessengerBuilder} configures it.
 * The sandbox is reached by a host name no DNS knows, so that a call that arrives went through the proxy.
 */
class HttpProxyTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	final LarkSandbox lark = LarkSandbox.builder().credentials("cli_test", "app-secret-value").start();

	/** Reactor Netty warns of the connections a refused tunnel drops. */
	@RegisterExtension
	final CapturedLogs nettyWarnings = CapturedLogs.of("reactor.netty");

	private final List<AutoCloseable> closing = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closing) {
			closeable.close();
		}
		this.lark.close();
	}

	private TestHttpProxy proxy(TestHttpProxy proxy) {
		this.closing.add(proxy);
		return proxy;
	}

	private ApprovalBotMessengerBuilder builder(String host) {
		return new ApprovalBotMessengerBuilder().credentials(this.lark.appId(), this.lark.appSecret())
			.baseUrl("http://" + host + ":" + this.lark.port())
			.retry(new RetrySettings(0, Duration.ZERO, Duration.ZERO, 0));
	}

	private ApprovalBotMessenger build(ApprovalBotMessengerBuilder builder) {
		ApprovalBotMessenger messenger = builder.build();
		this.closing.add(messenger);
		return messenger;
	}

	/**
	 * The JDK's client as the builder configures it where Netty is missing, made for the builder's proxy by a
	 * connector function, as a configuration layer gives one.
	 */
	private static ApprovalBotMessengerBuilder onTheJdkClient(ApprovalBotMessengerBuilder builder,
			HttpProxySettings proxy) {
		return builder.httpProxy(proxy).clientConnector((HttpProxySettings given) -> {
			assertThat(given).isSameAs(proxy);
			JdkHttpProxy jdk = new JdkHttpProxy(given.host(), given.port(), given.username(), given.password(),
					given::bypasses);
			return jdk.authorizing(new JdkClientHttpConnector(jdk.configure(HttpClient.newBuilder()).build()));
		});
	}

	@Test
	void aProxyIsRefusedBesideAConnectorThatKeepsItsOwn() {
		HttpProxySettings proxy = new HttpProxySettings("proxy.example.com", 3128);
		assertThatIllegalStateException()
			.isThrownBy(() -> builder("localhost").httpProxy(proxy).clientConnector(new JdkClientHttpConnector()).build())
			.withMessageContaining("httpProxy applies to the default connectors")
			.withMessageContaining("the given connector keeps its own");
		assertThatIllegalStateException()
			.isThrownBy(() -> builder("localhost").httpProxy(proxy).webClientBuilder(WebClient.builder()).build())
			.withMessageContaining("the given WebClient.Builder keeps its own");
	}

	@Test
	void reactorNettyTunnelsThroughTheProxy() {
		TestHttpProxy proxy = proxy(TestHttpProxy.start());
		build(builder(TestHttpProxy.UNRESOLVABLE_HOST).httpProxy(new HttpProxySettings(proxy.host(), proxy.port())))
			.send(pendingApproval())
			.block(BLOCK);
		assertThat(this.lark.messagesTo("16fb9ff3")).hasSize(1);
		// Netty tunnels plain http too; the host name reaches the proxy unresolved.
		assertThat(proxy.exchanges()).isNotEmpty()
			.allSatisfy((exchange) -> assertThat(exchange.method()).isEqualTo("CONNECT"))
			.allSatisfy((exchange) -> assertThat(exchange.host()).isEqualTo(TestHttpProxy.UNRESOLVABLE_HOST));
	}

	@Test
	void reactorNettySendsTheCredentialsWithTheTunnel() {
		TestHttpProxy proxy = proxy(TestHttpProxy.start("proxy-user", "proxy-password-value"));
		build(builder(TestHttpProxy.UNRESOLVABLE_HOST).httpProxy(
				new HttpProxySettings(proxy.host(), proxy.port()).withCredentials("proxy-user", "proxy-password-value")))
			.send(pendingApproval())
			.block(BLOCK);
		assertThat(this.lark.messagesTo("16fb9ff3")).hasSize(1);
		assertThat(proxy.exchanges()).isNotEmpty()
			.allSatisfy((exchange) -> assertThat(exchange.basicCredentials()).isEqualTo("proxy-user:proxy-password-value"));
	}

	/** Netty sends Basic credentials with every CONNECT, https ones included: no JDK-like restriction. */
	@Test
	void reactorNettySendsTheCredentialsWithHttpsTunnelsToo() {
		TestHttpProxy proxy = proxy(TestHttpProxy.start("proxy-user", "proxy-password-value"));
		ApprovalBotMessenger messenger = build(new ApprovalBotMessengerBuilder()
			.credentials(this.lark.appId(), this.lark.appSecret())
			.baseUrl("https://" + TestHttpProxy.UNRESOLVABLE_HOST + ":" + this.lark.port())
			.retry(new RetrySettings(0, Duration.ZERO, Duration.ZERO, 0))
			// The sandbox never answers the TLS handshake: no need to wait the default 10 s for it.
			.responseTimeout(Duration.ofMillis(500))
			.httpProxy(new HttpProxySettings(proxy.host(), proxy.port()).withCredentials("proxy-user",
					"proxy-password-value")));
		// The tunnel opens; TLS then fails, the sandbox speaking plain http.
		assertThatThrownBy(() -> messenger.send(pendingApproval()).block(BLOCK)).isInstanceOf(LarkApiException.class);
		assertThat(proxy.exchanges()).first().satisfies((exchange) -> {
			assertThat(exchange.method()).isEqualTo("CONNECT");
			assertThat(exchange.basicCredentials()).isEqualTo("proxy-user:proxy-password-value");
			assertThat(exchange.forwarded()).isTrue();
		});
	}

	@Test
	void reactorNettyReachesNonProxyHostsDirectly() {
		TestHttpProxy proxy = proxy(TestHttpProxy.start());
		build(builder("localhost").httpProxy(
				new HttpProxySettings(proxy.host(), proxy.port()).withNonProxyHosts(List.of("*.internal", "LOCALHOST"))))
			.send(pendingApproval())
			.block(BLOCK);
		assertThat(this.lark.messagesTo("16fb9ff3")).hasSize(1);
		assertThat(proxy.exchanges()).isEmpty();
	}

	@Test
	void reactorNettyFailsOnAProxyThatRefusesTheCredentials() {
		TestHttpProxy proxy = proxy(TestHttpProxy.start("proxy-user", "proxy-password-value"));
		ApprovalBotMessenger messenger = build(builder(TestHttpProxy.UNRESOLVABLE_HOST)
			.httpProxy(new HttpProxySettings(proxy.host(), proxy.port()).withCredentials("proxy-user", "wrong-secret")));
		assertThatExceptionOfType(LarkApiException.class).isThrownBy(() -> messenger.send(pendingApproval()).block(BLOCK))
			.satisfies((ex) -> assertThat(stackText(ex)).doesNotContain("wrong-secret"));
		assertThat(this.lark.requests()).isEmpty();
	}

	@Test
	void jdkClientSendsAbsoluteRequestsThroughTheProxy() {
		TestHttpProxy proxy = proxy(TestHttpProxy.start());
		HttpProxySettings settings = new HttpProxySettings(proxy.host(), proxy.port());
		build(onTheJdkClient(builder(TestHttpProxy.UNRESOLVABLE_HOST), settings)).send(pendingApproval()).block(BLOCK);
		assertThat(this.lark.messagesTo("16fb9ff3")).hasSize(1);
		assertThat(proxy.exchanges()).isNotEmpty()
			.allSatisfy((exchange) -> assertThat(exchange.target())
				.startsWith("http://" + TestHttpProxy.UNRESOLVABLE_HOST + ":" + this.lark.port() + "/open-apis/"));
	}

	/**
	 * The JDK's client sends the credentials with each proxied request, and the application's own Authorization
	 * (Lark's bearer token) with them: a java.net.Authenticator on JDK 17's client would have dropped the latter.
	 */
	@Test
	void jdkClientSendsTheCredentialsToTheProxy() {
		TestHttpProxy proxy = proxy(TestHttpProxy.start("proxy-user", "proxy-password-value"));
		HttpProxySettings settings = new HttpProxySettings(proxy.host(), proxy.port()).withCredentials("proxy-user",
				"proxy-password-value");
		build(onTheJdkClient(builder(TestHttpProxy.UNRESOLVABLE_HOST), settings)).send(pendingApproval()).block(BLOCK);
		assertThat(this.lark.messagesTo("16fb9ff3")).hasSize(1);
		assertThat(proxy.exchanges()).hasSize(2)
			.allSatisfy((exchange) -> assertThat(exchange.basicCredentials()).isEqualTo("proxy-user:proxy-password-value"))
			.allSatisfy((exchange) -> assertThat(exchange.forwarded()).isTrue());
		assertThat(this.lark.requests(Endpoint.APPROVAL_SEND)).singleElement()
			.satisfies((request) -> assertThat(request.header("Authorization")).startsWith("Bearer t-"));
	}

	@Test
	void jdkClientGivesTheCredentialsToNoHostReachedDirectly() {
		TestHttpProxy proxy = proxy(TestHttpProxy.start("proxy-user", "proxy-password-value"));
		HttpProxySettings settings = new HttpProxySettings(proxy.host(), proxy.port())
			.withCredentials("proxy-user", "proxy-password-value")
			.withNonProxyHosts(List.of("localhost"));
		build(onTheJdkClient(builder("localhost"), settings)).send(pendingApproval()).block(BLOCK);
		assertThat(proxy.exchanges()).isEmpty();
		assertThat(this.lark.requests()).hasSize(2)
			.allSatisfy((request) -> assertThat(request.header("Proxy-Authorization")).isNull());
	}

	@Test
	void jdkClientFailsOnAProxyThatRefusesTheCredentials() {
		TestHttpProxy proxy = proxy(TestHttpProxy.start("proxy-user", "proxy-password-value"));
		HttpProxySettings settings = new HttpProxySettings(proxy.host(), proxy.port()).withCredentials("proxy-user",
				"wrong-secret");
		ApprovalBotMessenger messenger = build(onTheJdkClient(builder(TestHttpProxy.UNRESOLVABLE_HOST), settings));
		assertThatExceptionOfType(LarkApiException.class).isThrownBy(() -> messenger.send(pendingApproval()).block(BLOCK))
			.satisfies((ex) -> assertThat(stackText(ex)).doesNotContain("wrong-secret"));
		assertThat(this.lark.requests()).isEmpty();
	}

	@Test
	void jdkClientReachesNonProxyHostsDirectly() {
		TestHttpProxy proxy = proxy(TestHttpProxy.start());
		HttpProxySettings settings = new HttpProxySettings(proxy.host(), proxy.port())
			.withNonProxyHosts(List.of("*.internal|local*"));
		build(onTheJdkClient(builder("localhost"), settings)).send(pendingApproval()).block(BLOCK);
		assertThat(this.lark.messagesTo("16fb9ff3")).hasSize(1);
		assertThat(proxy.exchanges()).isEmpty();
	}

	/**
	 * The JDK's limitation on https: on the CONNECT of a tunnel it drops Basic credentials unless the JVM runs with
	 * {@code -Djdk.http.auth.tunneling.disabledSchemes=} (its {@code net.properties} disables Basic there). Pinned
	 * both ways, so that the README's note is rechecked on the JDK the build runs on (run once with the property
	 * empty to check the other way).
	 */
	@Test
	void jdkClientSendsBasicCredentialsThroughHttpsTunnelsOnlyWhenTheJvmAllowsIt() {
		String disabled = System.getProperty("jdk.http.auth.tunneling.disabledSchemes");
		assumeThat(disabled == null || disabled.isBlank()).isTrue();
		TestHttpProxy proxy = proxy(TestHttpProxy.start("proxy-user", "proxy-password-value"));
		HttpProxySettings settings = new HttpProxySettings(proxy.host(), proxy.port()).withCredentials("proxy-user",
				"proxy-password-value");
		ApprovalBotMessenger messenger = build(onTheJdkClient(new ApprovalBotMessengerBuilder()
			.credentials(this.lark.appId(), this.lark.appSecret())
			.baseUrl("https://" + TestHttpProxy.UNRESOLVABLE_HOST + ":" + this.lark.port())
			.retry(new RetrySettings(0, Duration.ZERO, Duration.ZERO, 0))
			.responseTimeout(Duration.ofMillis(500)), settings));
		// Refused by the proxy, or the tunnel opens and TLS fails, the sandbox speaking plain http.
		assertThatThrownBy(() -> messenger.send(pendingApproval()).block(BLOCK)).isInstanceOf(LarkApiException.class);
		assertThat(proxy.exchanges()).first().satisfies((exchange) -> {
			assertThat(exchange.method()).isEqualTo("CONNECT");
			assertThat(exchange.basicCredentials()).isEqualTo((disabled == null) ? null : "proxy-user:proxy-password-value");
		});
	}

	@Test
	void nonProxyHostsMatchAsTheJdksHttpNonProxyHosts() {
		HttpProxySettings settings = new HttpProxySettings("proxy.example.com", 3128)
			.withNonProxyHosts(List.of("localhost", "*.internal", "10.*", "*mid*", "a.example.com|B.EXAMPLE.COM"));
		assertThat(settings.nonProxyHosts()).containsExactly("localhost", "*.internal", "10.*", "*mid*",
				"a.example.com", "B.EXAMPLE.COM");
		assertThat(List.of("localhost", "LocalHost", "lark.internal", "a.b.internal", "10.0.0.1", "xmidx", "mid",
				"b.example.com")).allMatch(settings::bypasses);
		assertThat(List.of("open.feishu.cn", "localhost.example.com", "internal", "110.0.0.1", "example.com"))
			.noneMatch(settings::bypasses);
		assertThat(new HttpProxySettings("p", 1).withNonProxyHosts(List.of("*")).bypasses("open.feishu.cn")).isTrue();
		// The JDK gives an IPv6 host in brackets, Reactor Netty without: either matches either.
		HttpProxySettings ipv6 = new HttpProxySettings("p", 1).withNonProxyHosts(List.of("[::1]", "fd00:*"));
		assertThat(List.of("[::1]", "::1", "fd00::12", "[fd00::12]")).allMatch(ipv6::bypasses);
		assertThat(new HttpProxySettings("p", 1).bypasses("open.feishu.cn")).isFalse();
	}

	@Test
	void settingsAreCheckedAndNameTheRefusedOne() {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> new HttpProxySettings(" ", 3128))
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("host"));
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> new HttpProxySettings("p", 0))
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("port"));
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> new HttpProxySettings("p", 65536))
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("port"));
		assertThat(new HttpProxySettings("p", 65535).port()).isEqualTo(65535);
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new HttpProxySettings("p", 1, "user", null, List.of()))
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("password"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new HttpProxySettings("p", 1, null, "proxy-password-value", List.of()))
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("username"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("proxy-password-value"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new HttpProxySettings("p", 1).withNonProxyHosts(List.of("a*b")))
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("nonProxyHosts"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new HttpProxySettings("p", 1).withNonProxyHosts(List.of("a||b")));
	}

	@Test
	void thePasswordIsNeverShown() {
		HttpProxySettings settings = new HttpProxySettings("proxy.example.com", 3128).withCredentials("proxy-user",
				"proxy-password-value");
		assertThat(settings.toString()).contains("proxy-user", "password=******").doesNotContain("proxy-password-value");
		ApprovalBotMessengerBuilder builder = new ApprovalBotMessengerBuilder().httpProxy(settings);
		assertThat(builder.toString()).contains("httpProxy=HttpProxySettings[host=proxy.example.com")
			.doesNotContain("proxy-password-value");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> settings.withCredentials("proxy-user", "${PROXY_PASSWORD}"))
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("password"));
	}

	private static String stackText(Throwable ex) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			text.append(cause).append('\n');
		}
		return text.toString();
	}

}
