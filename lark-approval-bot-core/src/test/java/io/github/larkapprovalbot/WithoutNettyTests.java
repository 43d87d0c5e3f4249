package io.github.larkapprovalbot;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client in an application without Netty at all (a Spring MVC one): loaded from a class path without any Netty
 * jar, as the JVM links it there. A filtering class loader would not show a missing class the JVM needs to link ours.
 */
class WithoutNettyTests {

	@Test
	void aMessengerBuiltWithoutNettyCallsLarkOnTheJdkHttpClient() throws Exception {
		try (LarkSandbox lark = LarkSandbox.start(); URLClassLoader withoutNetty = classPathWithout("netty")) {
			assertThat(withoutNetty.getResource("io/netty/channel/Channel.class")).isNull();
			Class<?> builderType = withoutNetty.loadClass(ApprovalBotMessengerBuilder.class.getName());
			Object builder = builderType.getConstructor().newInstance();
			builderType.getMethod("credentials", String.class, String.class).invoke(builder, lark.appId(), lark.appSecret());
			builderType.getMethod("baseUrl", String.class).invoke(builder, lark.baseUrl());
			Object tokens = builderType.getMethod("buildTokenProvider").invoke(builder);
			assertThat(token(withoutNetty, tokens)).startsWith("t-");

			builderType.getMethod("helpdesk", String.class, String.class)
				.invoke(builder, lark.helpdeskId(), lark.helpdeskToken());
			Class<?> messengerType = withoutNetty.loadClass(ApprovalBotMessenger.class.getName());
			Object messenger = builderType.getMethod("build").invoke(builder);
			Object blocking = messengerType.getMethod("blocking").invoke(messenger);
			Class<?> helpdesk = withoutNetty.loadClass(HelpdeskBotMessage.class.getName());
			Class<?> userIdType = withoutNetty.loadClass(UserIdType.class.getName());
			blocking.getClass().getMethod("sendHelpdesk", helpdesk, userIdType)
				.invoke(blocking, helpdesk.getMethod("text", String.class, String.class).invoke(null, "ou_1", "hi"),
						userIdType.getEnumConstants()[0]);
			messengerType.getMethod("close").invoke(messenger);

			assertThat(lark.messagesTo("ou_1")).hasSize(1);
			// the messenger uses the token provider its builder handed out: one token request
			assertThat(lark.requests()).hasSize(2)
				.allSatisfy((request) -> assertThat(request.header("User-Agent")).contains("Java-http-client"));
		}
	}

	/** The builder's JDK client behind an authenticating proxy: the call reaches Lark only through it. */
	@Test
	void aMessengerBuiltWithoutNettyGoesThroughTheProxy() throws Exception {
		try (LarkSandbox lark = LarkSandbox.start(); URLClassLoader withoutNetty = classPathWithout("netty");
				TestHttpProxy proxy = TestHttpProxy.start("proxy-user", "proxy-password-value")) {
			Class<?> builderType = withoutNetty.loadClass(ApprovalBotMessengerBuilder.class.getName());
			Object builder = builderType.getConstructor().newInstance();
			builderType.getMethod("credentials", String.class, String.class).invoke(builder, lark.appId(), lark.appSecret());
			builderType.getMethod("baseUrl", String.class)
				.invoke(builder, "http://" + TestHttpProxy.UNRESOLVABLE_HOST + ":" + lark.port());
			Class<?> settingsType = withoutNetty.loadClass(HttpProxySettings.class.getName());
			Object settings = settingsType.getConstructor(String.class, int.class).newInstance(proxy.host(), proxy.port());
			settings = settingsType.getMethod("withCredentials", String.class, String.class)
				.invoke(settings, "proxy-user", "proxy-password-value");
			builderType.getMethod("httpProxy", settingsType).invoke(builder, settings);
			Object tokens = builderType.getMethod("buildTokenProvider").invoke(builder);
			assertThat(token(withoutNetty, tokens)).startsWith("t-");
			((AutoCloseable) tokens).close();

			assertThat(proxy.exchanges()).singleElement().satisfies((exchange) -> {
				assertThat(exchange.target()).startsWith("http://" + TestHttpProxy.UNRESOLVABLE_HOST);
				assertThat(exchange.basicCredentials()).isEqualTo("proxy-user:proxy-password-value");
			});
			assertThat(lark.requests()).singleElement()
				.satisfies((request) -> assertThat(request.header("User-Agent")).contains("Java-http-client"));
		}
	}

	private static URLClassLoader classPathWithout(String excluded) throws MalformedURLException {
		List<URL> urls = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (!entry.contains(excluded)) {
				urls.add(new File(entry).toURI().toURL());
			}
		}
		return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
	}

	/** A token from a provider of the class path without Netty, fetched as a caller there would. */
	private static String token(ClassLoader withoutNetty, Object tokens) throws ReflectiveOperationException {
		Object mono = withoutNetty.loadClass(TenantAccessTokenProvider.class.getName()).getMethod("token").invoke(tokens);
		Method block = mono.getClass().getMethod("block", Duration.class);
		block.setAccessible(true);
		return (String) block.invoke(mono, Duration.ofSeconds(10));
	}

}
