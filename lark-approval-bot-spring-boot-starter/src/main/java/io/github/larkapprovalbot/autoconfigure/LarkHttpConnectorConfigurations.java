package io.github.larkapprovalbot.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;

import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.HttpProxySettings;
import io.github.larkapprovalbot.internal.JdkHttpProxy;
import io.github.larkapprovalbot.internal.ReactorNettyResources;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * How the messenger connects to Lark, from what the application has on its class path. Each configuration is read
 * only when its classes are there, so that a Spring MVC application without Netty or Spring Boot's HTTP client
 * module loads none of them.
 */
final class LarkHttpConnectorConfigurations {

	private static final String BOOT_CONNECTOR_BUILDER = "org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder";

	private LarkHttpConnectorConfigurations() {
	}

	/**
	 * Returns the messenger's Reactor Netty resources, if any, registered as a dependency of the connector factory:
	 * made on the first call, after the messenger, they would otherwise be destroyed before it when the context
	 * closes (a lookup through an {@link ObjectProvider} registers no dependency), cutting the calls it is still
	 * letting finish. Spring destroys a bean's dependents first: the messenger, through the factory, then these.
	 */
	private static @Nullable ReactorNettyResources resources(ObjectProvider<ReactorNettyResources> reactorNetty,
			ConfigurableListableBeanFactory beanFactory) {
		ReactorNettyResources resources = reactorNetty.getIfAvailable();
		if (resources != null) {
			for (String name : beanFactory.getBeanNamesForType(ReactorNettyResources.class, false, false)) {
				for (String factory : beanFactory.getBeanNamesForType(LarkHttpConnectorFactory.class, false, false)) {
					beanFactory.registerDependentBean(name, factory);
				}
			}
		}
		return resources;
	}

	/**
	 * The messenger's own Reactor Netty pool and event loops, closed with the context: never Reactor Netty's global
	 * resources, which another context in the same JVM disposes when it closes.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.netty.http.client.HttpClient")
	static class ReactorNettyResourcesConfiguration {

		@Bean(destroyMethod = "close")
		@Lazy
		@ConditionalOnMissingBean
		ReactorNettyResources larkReactorNettyResources(LarkApprovalBotProperties properties) {
			LarkApprovalBotProperties.Http http = properties.getHttp();
			return new ReactorNettyResources(http.getMaxConnections(), http.getPendingAcquireMaxCount(),
					http.getMaxIdleTime());
		}

	}

	/**
	 * Returns a proxy's selector and credentials on the JDK's {@code HttpClient}.
	 * @param proxy the proxy
	 * @return them
	 */
	private static JdkHttpProxy jdkProxy(HttpProxySettings proxy) {
		return new JdkHttpProxy(proxy.host(), proxy.port(), proxy.username(), proxy.password(), proxy::bypasses);
	}

	/**
	 * Spring Boot's connector builder and {@code spring.http.clients.*} settings, with our own connect timeout when
	 * set; on Reactor Netty, over the messenger's own resources with Netty's own retry off, so that the messenger
	 * alone decides whether a request may be repeated. An app's proxy goes on Reactor Netty's builder or the JDK's.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = BOOT_CONNECTOR_BUILDER)
	static class BootHttpClientConfiguration {

		@Bean
		LarkHttpConnectorFactory larkHttpConnectorFactory(LarkApprovalBotProperties properties,
				ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<ReactorNettyResources> reactorNetty,
				ConfigurableListableBeanFactory beanFactory) {
			return (proxy) -> {
				ClientHttpConnectorBuilder<?> builder = connectorBuilder
					.getIfAvailable(ClientHttpConnectorBuilder::detect);
				ReactorNettyResources resources = resources(reactorNetty, beanFactory);
				if (builder instanceof ReactorClientHttpConnectorBuilder && resources != null) {
					// A fresh builder: Boot's runs every client on its shared resource factory's event loops.
					builder = ClientHttpConnectorBuilder.reactor().withHttpClientFactory(resources::httpClient);
				}
				HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults);
				Duration connectTimeout = properties.getConnectTimeout();
				settings = (connectTimeout != null) ? settings.withConnectTimeout(connectTimeout) : settings;
				return (proxy != null) ? build(builder, settings, proxy) : builder.build(settings);
			};
		}

		private static ClientHttpConnector build(ClientHttpConnectorBuilder<?> builder, HttpClientSettings settings,
				HttpProxySettings proxy) {
			if (builder instanceof ReactorClientHttpConnectorBuilder reactor) {
				return ReactorNettyProxy.apply(reactor, proxy, settings.connectTimeout()).build(settings);
			}
			if (builder instanceof JdkClientHttpConnectorBuilder jdk) {
				JdkHttpProxy jdkProxy = jdkProxy(proxy);
				return jdkProxy.authorizing(jdk.withProxySelector(jdkProxy.proxySelector()).build(settings));
			}
			throw new IllegalStateException(LarkApprovalBotProperties.PREFIX + ".http.proxy applies to Reactor Netty "
					+ "and the JDK HttpClient, but the application's ClientHttpConnectorBuilder is a "
					+ builder.getClass().getSimpleName() + ": configure the proxy on that builder instead");
		}

	}

	/** Without Spring Boot's HTTP client module: the messenger's own Reactor Netty resources, or the JDK's client. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(BOOT_CONNECTOR_BUILDER)
	static class PlainConfiguration {

		@Bean
		LarkHttpConnectorFactory larkHttpConnectorFactory(LarkApprovalBotProperties properties,
				ObjectProvider<ReactorNettyResources> reactorNetty, ConfigurableListableBeanFactory beanFactory) {
			Duration configured = properties.getConnectTimeout();
			Duration connectTimeout = (configured != null) ? configured
					: ApprovalBotMessengerBuilder.DEFAULT_CONNECT_TIMEOUT;
			return (proxy) -> {
				ReactorNettyResources resources = resources(reactorNetty, beanFactory);
				if (resources != null) {
					return ReactorNettyProxy.connector(resources, connectTimeout, proxy);
				}
				HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(connectTimeout);
				if (proxy == null) {
					return new JdkClientHttpConnector(client.build());
				}
				JdkHttpProxy jdkProxy = jdkProxy(proxy);
				return jdkProxy.authorizing(new JdkClientHttpConnector(jdkProxy.configure(client).build()));
			};
		}

	}

	/**
	 * The proxy on Reactor Netty: a class of its own, loaded only where Netty is, so that no configuration class has
	 * a method whose signature names Netty's types.
	 */
	private static final class ReactorNettyProxy {

		private ReactorNettyProxy() {
		}

		static ReactorClientHttpConnectorBuilder apply(ReactorClientHttpConnectorBuilder builder,
				HttpProxySettings proxy, @Nullable Duration connectTimeout) {
			return builder.withHttpClientCustomizer((client) -> proxy(client, proxy, connectTimeout));
		}

		static ClientHttpConnector connector(ReactorNettyResources resources, Duration connectTimeout,
				@Nullable HttpProxySettings proxy) {
			reactor.netty.http.client.HttpClient client = resources.httpClient(connectTimeout);
			return new ReactorClientHttpConnector((proxy != null) ? proxy(client, proxy, connectTimeout) : client);
		}

		private static reactor.netty.http.client.HttpClient proxy(reactor.netty.http.client.HttpClient client,
				HttpProxySettings proxy, @Nullable Duration connectTimeout) {
			return ReactorNettyResources.proxy(client, proxy.host(), proxy.port(), proxy.username(), proxy.password(),
					proxy::bypasses, connectTimeout);
		}

	}

}
