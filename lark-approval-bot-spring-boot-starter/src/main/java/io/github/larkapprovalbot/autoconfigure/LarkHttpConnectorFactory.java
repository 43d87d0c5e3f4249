package io.github.larkapprovalbot.autoconfigure;

import io.github.larkapprovalbot.HttpProxySettings;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Makes the HTTP connector of each messenger builder, from whatever the application has: Spring Boot's HTTP client
 * settings when its {@code spring-boot-http-client} module is there, the messenger's own Reactor Netty resources
 * when Netty is there, and the JDK's {@code HttpClient} otherwise.
 */
@FunctionalInterface
interface LarkHttpConnectorFactory {

	/**
	 * Makes a connector.
	 * @param proxy the HTTP proxy of the app it is for, or {@code null} to reach Lark directly
	 * @return the connector
	 */
	ClientHttpConnector create(@Nullable HttpProxySettings proxy);

}
