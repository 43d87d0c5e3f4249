package io.github.larkapprovalbot.test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.PropertySourceInfo;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;

/**
 * The {@code lark.approval-bot.*} properties that point the starter at the sandbox, resolved when read: reading one
 * that comes from the sandbox (the base URL, a callback URL, the top-level app's credentials) starts it.
 * <p>
 * The apps the configuration names under {@code lark.approval-bot.apps.<name>.} (found in the environment's other
 * property sources: the dashed form, and Spring Boot's relaxed forms such as environment variables when Boot is on
 * the classpath) each get the keys that point them at the sandbox: app id and secret, helpdesk id and token, callback
 * token and key, each only when the configuration does not set it, and the callback URL through the sandbox's relay.
 * The top-level app gets today's keys when the configuration names no apps or sets a top-level app id; otherwise the
 * sandbox invents no top-level app and supplies only the base URL, which the apps inherit.
 * <p>
 * This source comes first, so for a key the configuration sets it must answer {@code null}.
 */
final class LarkSandboxPropertySource extends EnumerablePropertySource<Supplier<LarkSandbox>> {

	private static final String PREFIX = "lark.approval-bot.";

	/** Where the apps' properties are: {@code lark.approval-bot.apps.<name>.<key>}. */
	static final String APPS = PREFIX + "apps.";

	static final String CALLBACK_TOKEN = "sandbox-callback-token";

	static final String CALLBACK_KEY = "sandbox-callback-key";

	/** The starter's default endpoint path, used when the application does not set {@code callback.path}. */
	private static final String DEFAULT_CALLBACK_PATH = "/lark/approval/callback";

	private static final String BASE_URL = "base-url";

	private static final String CALLBACK_URL = "callback.url";

	/** The keys that point one app at the sandbox, top-level or under {@code apps.<name>.}. */
	private static final List<String> APP_KEYS = List.of("app-id", "app-secret", "helpdesk.id", "helpdesk.token",
			CALLBACK_URL, "callback.token", "callback.key");

	/** The name of the source Spring Boot attaches in front of the others, which reads them all, this one included. */
	private static final String BOOT_ATTACHED_SOURCE = "configurationProperties";

	private static final boolean BOOT_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.context.properties.source.ConfigurationPropertySources",
			LarkSandboxPropertySource.class.getClassLoader());

	private final ConfigurableEnvironment environment;

	private final @Nullable RelaxedNames relaxedNames;

	/** The configuration as read last. */
	private volatile @Nullable Configuration configuration;

	LarkSandboxPropertySource(Supplier<LarkSandbox> sandbox, ConfigurableEnvironment environment) {
		super("larkSandbox", sandbox);
		this.environment = environment;
		this.relaxedNames = BOOT_PRESENT ? new RelaxedNames() : null;
	}

	@Override
	public String[] getPropertyNames() {
		return configuration().suppliedNames().clone();
	}

	@Override
	public @Nullable Object getProperty(String name) {
		if (!name.startsWith(PREFIX)) {
			return null;
		}
		String key = name.substring(PREFIX.length());
		if (key.equals(BASE_URL)) {
			return getSource().get().baseUrl();
		}
		if (key.startsWith("apps.") || key.startsWith("apps[")) {
			return appProperty(name);
		}
		if (!APP_KEYS.contains(key) || !configuration().pointsTopLevelApp()) {
			return null;
		}
		return switch (key) {
			case "app-id" -> getSource().get().appId();
			case "app-secret" -> getSource().get().appSecret();
			case "helpdesk.id" -> getSource().get().helpdeskId();
			case "helpdesk.token" -> getSource().get().helpdeskToken();
			case CALLBACK_URL -> callbackUrl(PREFIX + "callback.path", DEFAULT_CALLBACK_PATH);
			case "callback.token" -> CALLBACK_TOKEN;
			case "callback.key" -> CALLBACK_KEY;
			default -> null;
		};
	}

	/** A key of a configured app: its sandbox value, or null when the configuration sets it. */
	private @Nullable Object appProperty(String name) {
		String key = null;
		for (String candidate : APP_KEYS) {
			if (name.endsWith("." + candidate)) {
				key = candidate;
			}
		}
		if (key == null) {
			return null;
		}
		String requested = name.substring(APPS.length(), name.length() - key.length() - 1);
		if (name.startsWith(PREFIX + "apps[")) {
			requested = (requested.endsWith("]")) ? requested.substring(0, requested.length() - 1) : requested;
		}
		Configuration configuration = configuration();
		String app = configuration.app(requested);
		if (app == null || (!key.equals(CALLBACK_URL) && configuration.sets(appKey(app, key)))) {
			return null;
		}
		return switch (key) {
			case "app-id" -> defaultAppId(app);
			case "app-secret" -> "sandbox-app-secret-" + app;
			case "helpdesk.id" -> "sandbox-helpdesk-" + app;
			case "helpdesk.token" -> "ht-sandbox-" + app;
			case CALLBACK_URL -> callbackUrl(appKey(app, "callback.path"), DEFAULT_CALLBACK_PATH + "/" + app);
			case "callback.token" -> CALLBACK_TOKEN + "-" + app;
			case "callback.key" -> CALLBACK_KEY + "-" + app;
			default -> null;
		};
	}

	/** The app id the sandbox gives a configured app that sets none. */
	private static String defaultAppId(String app) {
		return "cli_sandbox_" + app;
	}

	private static String appKey(String app, String key) {
		return APPS + app + "." + key;
	}

	/**
	 * Registers every configured app with the sandbox, with the credentials the configuration finally has (its own,
	 * or the sandbox's defaults), so that the sandbox accepts what the application sends.
	 */
	void registerApps(LarkSandbox sandbox) {
		Configuration configuration = configuration();
		for (String app : configuration.apps()) {
			String appId = value(configuration, appKey(app, "app-id"));
			String appSecret = value(configuration, appKey(app, "app-secret"));
			if (appId == null || appSecret == null) {
				continue;
			}
			String helpdeskId = value(configuration, appKey(app, "helpdesk.id"));
			String helpdeskToken = value(configuration, appKey(app, "helpdesk.token"));
			try {
				if (helpdeskId != null && helpdeskToken != null) {
					sandbox.addApp(appId, appSecret, helpdeskId, helpdeskToken);
				}
				else {
					sandbox.addApp(appId, appSecret);
				}
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("The Lark sandbox cannot serve the app " + app + " of "
						+ "lark.approval-bot.apps: " + ex.getMessage(), ex);
			}
		}
	}

	/** The application's callback endpoint, reached through the sandbox's relay to the application's port. */
	private String callbackUrl(String pathKey, String defaultPath) {
		String contextPath = this.environment.getProperty("server.servlet.context-path",
				this.environment.getProperty("spring.webflux.base-path", ""));
		String path = this.environment.getProperty(pathKey);
		if (path == null && pathKey.startsWith(APPS)) {
			path = value(configuration(), pathKey);
		}
		return getSource().get().ingressUrl() + trimSlash(contextPath) + ((path != null) ? path : defaultPath);
	}

	/**
	 * The value of a key as the environment resolves it (this source included), else as the configuration sets it in
	 * the bracketed form or a relaxed one, which a plain Spring environment does not resolve.
	 */
	private @Nullable String value(Configuration configuration, String name) {
		String value = this.environment.getProperty(name);
		if (value == null) {
			Object configured = configuration.value(name);
			value = (configured != null) ? this.environment.resolvePlaceholders(configured.toString()) : null;
		}
		return value;
	}

	private static String trimSlash(String path) {
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	/**
	 * Reads the configuration as it is now: every property source of the environment but this one. Spring Boot asks
	 * for this source's names on every lookup it misses, so the configuration read last is used again as long as the
	 * sources are the same ones with the same names starting with {@code lark}.
	 */
	private Configuration configuration() {
		List<Part> parts = new ArrayList<>();
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (source != this && !BOOT_ATTACHED_SOURCE.equals(source.getName())) {
				parts.add(new Part(source, larkNames(source)));
			}
		}
		Configuration configuration = this.configuration;
		if (configuration == null || !configuration.readFrom(parts)) {
			configuration = new Configuration(parts, this.relaxedNames);
			this.configuration = configuration;
		}
		return configuration;
	}

	/**
	 * The names of a source that start with {@code lark} in any case (after Spring Boot's prefix of the source, if it
	 * has one): only those can name an app or set one of its keys.
	 */
	private List<String> larkNames(PropertySource<?> source) {
		if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
			return List.of();
		}
		int start = (this.relaxedNames != null) ? RelaxedNames.prefixLength(source) : 0;
		List<String> names = null;
		for (String name : enumerable.getPropertyNames()) {
			if (name.regionMatches(true, start, "lark", 0, 4)) {
				names = (names != null) ? names : new ArrayList<>();
				names.add(name);
			}
		}
		return (names != null) ? names : List.of();
	}

	/** The form in which Spring Boot compares names: case and dashes do not count. */
	static String uniform(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "");
	}

	/**
	 * A property source and its names that start with {@code lark}.
	 *
	 * @param source the property source
	 * @param larkNames its names that start with {@code lark}, in any case
	 */
	private record Part(PropertySource<?> source, List<String> larkNames) {

		/** The same source (property sources are equal by name) with the same lark names. */
		boolean same(Part other) {
			return this.source == other.source && this.larkNames.equals(other.larkNames);
		}

	}

	/** The configuration as read once: the other property sources, the apps they name, and which keys they set. */
	private static final class Configuration {

		private final List<Part> parts;

		/** The sources with lark names, to which Spring Boot's relaxed rules apply (none without Boot). */
		private final List<PropertySource<?>> relaxed = new ArrayList<>();

		private final @Nullable RelaxedNames relaxedNames;

		private final List<String> apps;

		/** Which keys the configuration sets, as asked so far. */
		private final Map<String, Boolean> sets = new ConcurrentHashMap<>();

		/** The names this source supplies for this configuration, once known. */
		private volatile String @Nullable [] suppliedNames;

		Configuration(List<Part> parts, @Nullable RelaxedNames relaxedNames) {
			this.parts = parts;
			this.relaxedNames = relaxedNames;
			Map<String, String> apps = new LinkedHashMap<>();
			for (Part part : parts) {
				if (!part.larkNames().isEmpty()) {
					if (relaxedNames != null) {
						this.relaxed.add(part.source());
						relaxedNames.addAppNames(part.source(), apps);
					}
					else {
						addAppNames(part.larkNames(), apps);
					}
				}
			}
			this.apps = List.copyOf(apps.values());
		}

		/** Whether this configuration was read from the same sources, with the same lark names. */
		boolean readFrom(List<Part> parts) {
			if (parts.size() != this.parts.size()) {
				return false;
			}
			for (int i = 0; i < parts.size(); i++) {
				if (!parts.get(i).same(this.parts.get(i))) {
					return false;
				}
			}
			return true;
		}

		/** The app names in the dashed form: {@code lark.approval-bot.apps.<name>.…} or {@code apps[<name>].…}. */
		private static void addAppNames(List<String> names, Map<String, String> apps) {
			for (String name : names) {
				String app = null;
				if (name.startsWith(APPS)) {
					int end = name.indexOf('.', APPS.length());
					app = (end > APPS.length()) ? name.substring(APPS.length(), end) : null;
				}
				else if (name.startsWith(PREFIX + "apps[")) {
					int start = PREFIX.length() + "apps[".length();
					int end = name.indexOf("].", start);
					app = (end > start) ? name.substring(start, end) : null;
				}
				if (app != null) {
					apps.putIfAbsent(uniform(app), app);
				}
			}
		}

		/** The app names, as the configuration spells them, in the order of its property sources. */
		List<String> apps() {
			return this.apps;
		}

		/**
		 * The names this source supplies: the base URL; the top-level app's keys when it is pointed at the sandbox;
		 * each app's keys the configuration does not set, and its callback URL.
		 */
		String[] suppliedNames() {
			String[] supplied = this.suppliedNames;
			if (supplied == null) {
				List<String> names = new ArrayList<>();
				names.add(PREFIX + BASE_URL);
				if (pointsTopLevelApp()) {
					APP_KEYS.forEach((key) -> names.add(PREFIX + key));
				}
				for (String app : this.apps) {
					for (String key : APP_KEYS) {
						if (key.equals(CALLBACK_URL) || !sets(appKey(app, key))) {
							names.add(appKey(app, key));
						}
					}
				}
				supplied = names.toArray(new String[0]);
				this.suppliedNames = supplied;
			}
			return supplied;
		}

		/** Whether the top-level app gets the sandbox's keys: no apps are named, or a top-level app id is set. */
		boolean pointsTopLevelApp() {
			return this.apps.isEmpty() || sets(PREFIX + "app-id");
		}

		/** The name of a configured app as the configuration spells it, or null. */
		@Nullable String app(String name) {
			String uniform = uniform(name);
			for (String app : this.apps) {
				if (uniform(app).equals(uniform)) {
					return app;
				}
			}
			return null;
		}

		/** Whether the configuration sets a key, in the dashed form or (with Boot) a relaxed one. */
		boolean sets(String name) {
			return this.sets.computeIfAbsent(name, (key) -> value(key) != null);
		}

		/** The raw value the configuration sets for a key, in the dashed or bracketed form or (with Boot) a relaxed one. */
		@Nullable Object value(String name) {
			String bracketed = name.startsWith(APPS) ? bracketed(name) : null;
			for (Part part : this.parts) {
				if (part.larkNames().isEmpty() && part.source() instanceof EnumerablePropertySource) {
					continue;
				}
				Object value = part.source().getProperty(name);
				if (value == null && bracketed != null) {
					value = part.source().getProperty(bracketed);
				}
				if (value != null) {
					return value;
				}
			}
			return (this.relaxedNames != null && !this.relaxed.isEmpty()) ? this.relaxedNames.value(this.relaxed, name)
					: null;
		}

		/** {@code lark.approval-bot.apps.<name>.<key>} as {@code lark.approval-bot.apps[<name>].<key>}. */
		private static @Nullable String bracketed(String name) {
			int end = name.indexOf('.', APPS.length());
			return (end < 0) ? null
					: PREFIX + "apps[" + name.substring(APPS.length(), end) + "]" + name.substring(end);
		}

	}

	/**
	 * Spring Boot's relaxed names ({@code LARK_APPROVALBOT_APPS_HR_APPID}, {@code lark.approvalBot.apps.hr.appId},
	 * {@code apps[hr]}), through {@link ConfigurationPropertySources}; only loaded when Boot is on the classpath.
	 */
	private static final class RelaxedNames {

		private static final ConfigurationPropertyName APPS_NAME = ConfigurationPropertyName.of(PREFIX + "apps");

		/** Each source's adapter, which keeps the names it mapped; property sources are equal by name. */
		private final Map<PropertySource<?>, ConfigurationPropertySource> adapters = new ConcurrentHashMap<>();

		/** The length of the prefix Spring Boot gives a source's names (environment variables), with its separator. */
		static int prefixLength(PropertySource<?> source) {
			String prefix = (source instanceof PropertySourceInfo info) ? info.getPrefix() : null;
			return (prefix != null && !prefix.isEmpty()) ? prefix.length() + 1 : 0;
		}

		void addAppNames(PropertySource<?> source, Map<String, String> apps) {
			if (adapt(source) instanceof IterableConfigurationPropertySource iterable) {
				int keyIndex = APPS_NAME.getNumberOfElements();
				iterable.stream()
					.filter((name) -> name.getNumberOfElements() > keyIndex + 1 && APPS_NAME.isAncestorOf(name))
					.map((name) -> name.getElement(keyIndex, ConfigurationPropertyName.Form.ORIGINAL))
					.forEach((app) -> apps.putIfAbsent(uniform(app), app));
			}
		}

		@Nullable Object value(List<PropertySource<?>> sources, String name) {
			ConfigurationPropertyName configurationName;
			try {
				configurationName = ConfigurationPropertyName.adapt(name, '.');
			}
			catch (RuntimeException ex) {
				return null;
			}
			for (PropertySource<?> source : sources) {
				ConfigurationPropertySource adapted = adapt(source);
				ConfigurationProperty property = (adapted != null) ? adapted.getConfigurationProperty(configurationName)
						: null;
				if (property != null) {
					return property.getValue();
				}
			}
			return null;
		}

		private @Nullable ConfigurationPropertySource adapt(PropertySource<?> source) {
			ConfigurationPropertySource adapted = this.adapters.get(source);
			// Property sources are equal by name: the cached adapter may be of a source since replaced.
			if (adapted != null && adapted.getUnderlyingSource() == source) {
				return adapted;
			}
			Iterator<ConfigurationPropertySource> sources = ConfigurationPropertySources.from(List.of(source))
				.iterator();
			adapted = sources.hasNext() ? sources.next() : null;
			if (adapted != null) {
				this.adapters.put(source, adapted);
			}
			return adapted;
		}

	}

}
