package io.github.larkapprovalbot.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import reactor.core.publisher.Mono;

/**
 * An HTTP proxy on the JDK's {@code HttpClient}: a {@link ProxySelector} that sends every request through the proxy
 * but those to the hosts it bypasses, with the host name unresolved, and a connector that gives each proxied request
 * the proxy's Basic credentials in {@code Proxy-Authorization}. The JDK sends that header to the proxy alone: with a
 * plain {@code http} request in absolute form, and on the {@code CONNECT} of an {@code https} tunnel (where its
 * {@code jdk.http.auth.tunneling.disabledSchemes}, {@code Basic} by default, removes it); it strips it from requests
 * sent directly or inside a tunnel. No {@link java.net.Authenticator}: set on JDK 17's client, one makes it drop the
 * application's own {@code Authorization} header, Lark's bearer token.
 */
public final class JdkHttpProxy {

	private final String host;

	private final int port;

	private final @Nullable String authorization;

	private final Predicate<@Nullable String> bypasses;

	/**
	 * Describes the proxy.
	 * @param host the proxy's host
	 * @param port the proxy's port
	 * @param username the user name, or {@code null} for a proxy without authentication
	 * @param password the password, or {@code null}
	 * @param bypasses whether a request's host is reached directly
	 */
	public JdkHttpProxy(String host, int port, @Nullable String username, @Nullable String password,
			Predicate<@Nullable String> bypasses) {
		this.host = host;
		this.port = port;
		this.authorization = (username != null && password != null) ? "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)) : null;
		this.bypasses = bypasses;
	}

	/**
	 * Configures a client builder to go through the proxy.
	 * @param builder the builder
	 * @return the builder
	 */
	public HttpClient.Builder configure(HttpClient.Builder builder) {
		return builder.proxy(proxySelector());
	}

	/**
	 * Returns the proxy selector.
	 * @return the selector: the proxy, or no proxy for a host it bypasses
	 */
	public ProxySelector proxySelector() {
		List<Proxy> proxied = List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(this.host, this.port)));
		Predicate<@Nullable String> bypasses = this.bypasses;
		String description = "ProxySelector[" + this.host + ":" + this.port + "]";
		return new ProxySelector() {

			@Override
			public List<Proxy> select(URI uri) {
				return bypasses.test(uri.getHost()) ? List.of(Proxy.NO_PROXY) : proxied;
			}

			@Override
			public void connectFailed(URI uri, SocketAddress address, IOException ex) {
				// One proxy, nothing to fall back to: the request fails, and the messenger decides on a retry.
			}

			@Override
			public String toString() {
				return description;
			}

		};
	}

	/**
	 * Returns a connector on the JDK's client that gives the proxy its credentials.
	 * @param connector the connector, on a client {@link #configure configured} with this proxy
	 * @return the connector, as it is for a proxy without authentication
	 */
	public ClientHttpConnector authorizing(ClientHttpConnector connector) {
		String authorization = this.authorization;
		if (authorization == null) {
			return connector;
		}
		return new ProxyAuthorizingConnector(connector, authorization, this.bypasses, this.host + ":" + this.port);
	}

	@Override
	public String toString() {
		return "JdkHttpProxy[" + this.host + ":" + this.port + "]";
	}

	/** Adds the proxy's credentials to each request the proxy carries. */
	private static final class ProxyAuthorizingConnector implements ClientHttpConnector {

		private final ClientHttpConnector delegate;

		private final String authorization;

		private final Predicate<@Nullable String> bypasses;

		private final String proxy;

		ProxyAuthorizingConnector(ClientHttpConnector delegate, String authorization,
				Predicate<@Nullable String> bypasses, String proxy) {
			this.delegate = delegate;
			this.authorization = authorization;
			this.bypasses = bypasses;
			this.proxy = proxy;
		}

		@Override
		public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
				Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
			if (this.bypasses.test(uri.getHost())) {
				return this.delegate.connect(method, uri, requestCallback);
			}
			return this.delegate.connect(method, uri, (request) -> {
				request.getHeaders().set(HttpHeaders.PROXY_AUTHORIZATION, this.authorization);
				return requestCallback.apply(request);
			});
		}

		@Override
		public String toString() {
			return "ProxyAuthorizingConnector[" + this.proxy + ", " + this.delegate + "]";
		}

	}

}
