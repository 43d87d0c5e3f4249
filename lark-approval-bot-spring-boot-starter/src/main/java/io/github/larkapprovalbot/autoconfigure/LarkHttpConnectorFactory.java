package io.github.larkapprovalbot.autoconfigure;

import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Makes the HTTP connector of each messenger builder, from whatever the application has: Spring Boot's HTTP client
 * settings when its {@code spring-boot-http-client} module is there, the messenger's own Reactor Netty resources
 * when Netty is there, and the JDK's {@code HttpClient} otherwise.
 */
@FunctionalInterface
interface LarkHttpConnectorFactory {

	ClientHttpConnector create();

}
