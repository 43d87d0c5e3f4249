package io.github.larkapprovalbot.internal;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * Which HTTP connector the client runs on, answered without touching Netty: an application without it (a Spring MVC
 * one) cannot link a class that refers to Netty's types, such as {@link ReactorNettyResources}.
 */
public final class HttpConnectors {

	private HttpConnectors() {
	}

	/**
	 * Returns whether Reactor Netty is on the class path.
	 * @param classLoader the class loader to look in
	 * @return whether it is
	 */
	public static boolean reactorNettyPresent(ClassLoader classLoader) {
		return ClassUtils.isPresent("reactor.netty.http.client.HttpClient", classLoader);
	}

	/**
	 * Returns whether a connector is Reactor Netty's.
	 * @param connector the connector
	 * @return whether it is a {@code ReactorClientHttpConnector}
	 */
	public static boolean isReactorNetty(ClientHttpConnector connector) {
		return connector.getClass().getName().equals("org.springframework.http.client.reactive.ReactorClientHttpConnector");
	}

}
