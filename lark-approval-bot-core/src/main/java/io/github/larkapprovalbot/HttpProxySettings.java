package io.github.larkapprovalbot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.larkapprovalbot.validation.InvalidSettingException;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * The HTTP proxy the default connectors reach Lark through, on Reactor Netty and on the JDK's {@code HttpClient}
 * alike. Reactor Netty always opens a {@code CONNECT} tunnel through the proxy and sends the credentials with it; the
 * JDK's client sends plain {@code http} requests to the proxy in absolute form and tunnels {@code https} with
 * {@code CONNECT}; the credentials go with each proxied request as {@code Proxy-Authorization} (no
 * {@code Authenticator}, which would drop the application's own {@code Authorization} header), and for {@code https}
 * the JDK removes Basic credentials from the tunnel's {@code CONNECT} unless the JVM runs with
 * {@code -Djdk.http.auth.tunneling.disabledSchemes=}. Host names go to the proxy unresolved, so that it resolves them.
 *
 * @param host the proxy's host name or address
 * @param port the proxy's port, 1 to 65535
 * @param username the user name the proxy asks for, or {@code null} for a proxy without authentication
 * @param password the password of that user, or {@code null}; never shown
 * @param nonProxyHosts hosts reached directly, as the JDK's {@code http.nonProxyHosts} matches them: a host name or
 * address, optionally with a {@code *} wildcard at its start or end ({@code localhost}, {@code *.internal},
 * {@code 10.*}), matched ignoring case; an entry may also hold several, separated by {@code |}, as that property does
 */
public record HttpProxySettings(String host, int port, @Nullable String username, @Nullable String password,
		List<String> nonProxyHosts) {

	/**
	 * Creates the settings, refusing a blank host, a port out of range, a user name without a password or the other
	 * way round, and a malformed host pattern; the password is never shown in the refusal.
	 *
	 * @param host the proxy's host name or address
	 * @param port the proxy's port, 1 to 65535
	 * @param username the user name the proxy asks for, or {@code null}
	 * @param password the password of that user, or {@code null}
	 * @param nonProxyHosts hosts reached directly
	 */
	public HttpProxySettings {
		if (!StringUtils.hasText(host)) {
			throw new InvalidSettingException("host", "must be set", null);
		}
		if (port < 1 || port > 65535) {
			throw new InvalidSettingException("port", "must be between 1 and 65535", port);
		}
		if (username != null || password != null) {
			// Both or neither; the rule on secrets: the password is never shown, not even a placeholder's value.
			ApprovalBotMessengerBuilder.credential("username", username);
			ApprovalBotMessengerBuilder.credential("password", password);
		}
		InvalidSettingException.required("nonProxyHosts", nonProxyHosts);
		List<String> patterns = new ArrayList<>();
		for (String entry : nonProxyHosts) {
			// An entry may be a whole http.nonProxyHosts value: patterns separated by |.
			for (String pattern : String.valueOf(entry).split("\\|", -1)) {
				String fixed = pattern.strip();
				fixed = fixed.startsWith("*") ? fixed.substring(1) : fixed;
				fixed = fixed.endsWith("*") ? fixed.substring(0, fixed.length() - 1) : fixed;
				if (pattern.isBlank() || fixed.contains("*") || fixed.chars().anyMatch(Character::isWhitespace)) {
					throw new InvalidSettingException("nonProxyHosts",
							"must be host names or addresses, each with at most a leading and a trailing *", entry);
				}
				patterns.add(pattern.strip());
			}
		}
		nonProxyHosts = List.copyOf(patterns);
	}

	/**
	 * A proxy without authentication, through which every host is reached.
	 * @param host the proxy's host
	 * @param port the proxy's port
	 */
	public HttpProxySettings(String host, int port) {
		this(host, port, null, null, List.of());
	}

	/**
	 * Returns these settings with the credentials the proxy asks for.
	 * @param username the user name
	 * @param password the password
	 * @return the new settings
	 */
	public HttpProxySettings withCredentials(String username, String password) {
		return new HttpProxySettings(this.host, this.port, username, password, this.nonProxyHosts);
	}

	/**
	 * Returns these settings with the hosts reached directly.
	 * @param nonProxyHosts the host patterns
	 * @return the new settings
	 */
	public HttpProxySettings withNonProxyHosts(List<String> nonProxyHosts) {
		return new HttpProxySettings(this.host, this.port, this.username, this.password, nonProxyHosts);
	}

	/**
	 * Returns whether a host is reached directly, bypassing the proxy: whether one of {@link #nonProxyHosts()}
	 * matches it, as {@code http.nonProxyHosts} would.
	 * @param targetHost the host of the request ({@code open.feishu.cn})
	 * @return whether it bypasses the proxy
	 */
	public boolean bypasses(@Nullable String targetHost) {
		if (targetHost == null) {
			return false;
		}
		String candidate = unbracketed(targetHost.toLowerCase(Locale.ROOT));
		for (String pattern : this.nonProxyHosts) {
			String mask = unbracketed(pattern.toLowerCase(Locale.ROOT));
			boolean leading = mask.startsWith("*");
			boolean trailing = mask.length() > 1 && mask.endsWith("*");
			String fixed = mask.substring(leading ? 1 : 0, mask.length() - (trailing ? 1 : 0));
			boolean matches;
			if (leading && trailing) {
				matches = candidate.contains(fixed);
			}
			else if (leading) {
				matches = candidate.endsWith(fixed);
			}
			else if (trailing) {
				matches = candidate.startsWith(fixed);
			}
			else {
				matches = candidate.equals(fixed);
			}
			if (matches) {
				return true;
			}
		}
		return false;
	}

	/** An IPv6 address as one connector gives it ({@code ::1}), whether or not the other brackets it. */
	private static String unbracketed(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	/**
	 * Returns whether the proxy asks for credentials.
	 * @return whether a user name and password are set
	 */
	public boolean authenticates() {
		return this.username != null && this.password != null;
	}

	/**
	 * Describes the settings, the password masked.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "HttpProxySettings[host=" + this.host + ", port=" + this.port + ", username=" + this.username
				+ ", password=" + ((this.password != null) ? "******" : null) + ", nonProxyHosts=" + this.nonProxyHosts
				+ "]";
	}

}
