package io.github.larkapprovalbot.test;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;

/**
 * The {@code lark.approval-bot.*} properties that point the starter at the sandbox, resolved when first read: reading
 * one starts the sandbox.
 */
final class LarkSandboxPropertySource extends EnumerablePropertySource<Supplier<LarkSandbox>> {

	private static final String PREFIX = "lark.approval-bot.";

	static final String CALLBACK_TOKEN = "sandbox-callback-token";

	static final String CALLBACK_KEY = "sandbox-callback-key";

	/** The starter's default endpoint path, used when the application does not set {@code callback.path}. */
	private static final String DEFAULT_CALLBACK_PATH = "/lark/approval/callback";

	private static final String[] NAMES = { PREFIX + "base-url", PREFIX + "app-id", PREFIX + "app-secret",
			PREFIX + "helpdesk.id", PREFIX + "helpdesk.token", PREFIX + "callback.url", PREFIX + "callback.token",
			PREFIX + "callback.key" };

	private final Environment environment;

	LarkSandboxPropertySource(Supplier<LarkSandbox> sandbox, Environment environment) {
		super("larkSandbox", sandbox);
		this.environment = environment;
	}

	@Override
	public String[] getPropertyNames() {
		return NAMES.clone();
	}

	@Override
	public @Nullable Object getProperty(String name) {
		if (!name.startsWith(PREFIX)) {
			return null;
		}
		return switch (name.substring(PREFIX.length())) {
			case "base-url" -> getSource().get().baseUrl();
			case "app-id" -> getSource().get().appId();
			case "app-secret" -> getSource().get().appSecret();
			case "helpdesk.id" -> getSource().get().helpdeskId();
			case "helpdesk.token" -> getSource().get().helpdeskToken();
			case "callback.url" -> callbackUrl();
			case "callback.token" -> CALLBACK_TOKEN;
			case "callback.key" -> CALLBACK_KEY;
			default -> null;
		};
	}

	/** The application's callback endpoint, reached through the sandbox's relay to the application's port. */
	private String callbackUrl() {
		String contextPath = this.environment.getProperty("server.servlet.context-path",
				this.environment.getProperty("spring.webflux.base-path", ""));
		String path = this.environment.getProperty(PREFIX + "callback.path", DEFAULT_CALLBACK_PATH);
		return getSource().get().ingressUrl() + trimSlash(contextPath) + path;
	}

	private static String trimSlash(String path) {
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

}
