package io.github.larkapprovalbot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.larkapprovalbot.apps.AppRegistry;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.rendering.CardCallback;
import io.github.larkapprovalbot.rendering.LarkCardTemplateRenderer;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;

/**
 * The configured Lark apps, each with its own properties: the top-level app ({@value AppRegistry#DEFAULT_APP}) when
 * {@code lark.approval-bot.app-id} is set, and one per {@code lark.approval-bot.apps.<name>}. A key an app leaves
 * unset takes the top-level value, except those that belong to one app alone ({@link #inheritsNot}). Each app is
 * checked as the top-level properties are; a bad property, two apps with one app id, or two apps on one callback
 * path fail the startup naming the apps.
 */
public final class LarkApps {

	/** Where the apps are configured. */
	public static final String APPS = LarkApprovalBotProperties.PREFIX + ".apps";

	private final Map<String, LarkApprovalBotProperties> apps;

	private LarkApps(Map<String, LarkApprovalBotProperties> apps) {
		this.apps = apps;
	}

	/**
	 * Resolves the apps of an environment.
	 * @param environment the environment
	 * @param topLevel the bound (and validated) top-level properties
	 * @return the apps
	 * @throws InvalidLarkAppsException when an app's properties are invalid, or two apps clash
	 */
	public static LarkApps resolve(Environment environment, LarkApprovalBotProperties topLevel) {
		Binder binder = Binder.get(environment);
		Map<String, LarkApprovalBotProperties> apps = new LinkedHashMap<>();
		if (topLevel.getAppId() != null) {
			apps.put(AppRegistry.DEFAULT_APP, topLevel);
		}
		List<String> problems = new ArrayList<>();
		Set<String> names = binder.bind(APPS, Bindable.mapOf(String.class, Object.class))
			.map(Map::keySet)
			.orElse(Set.of());
		for (String name : names) {
			if (AppRegistry.DEFAULT_APP.equals(name)) {
				problems.add(APPS + "." + name + ": '" + name + "' names the top-level app; configure it with "
						+ LarkApprovalBotProperties.PREFIX + ".app-id");
				continue;
			}
			LarkApprovalBotProperties app = new LarkApprovalBotProperties();
			binder.bind(LarkApprovalBotProperties.PREFIX, Bindable.ofInstance(app));
			inheritsNot(app, name);
			if (binder.bind(APPS + "." + name + ".http.proxy.host", String.class).isBound()) {
				proxyOfItsOwn(app.getHttp().getProxy());
			}
			binder.bind(APPS + "." + name, Bindable.ofInstance(app));
			BeanPropertyBindingResult errors = new BeanPropertyBindingResult(app, APPS + "." + name);
			if (app.getAppId() == null) {
				errors.rejectValue("appId", "invalid", "must be set: an app needs its own app id");
			}
			LarkBuilderMapping.validate(app, errors);
			for (FieldError error : errors.getFieldErrors()) {
				problems.add(InvalidLarkPropertiesFailureAnalyzer.propertyName(APPS + "." + name, error.getField())
						+ ": " + error.getDefaultMessage());
			}
			apps.put(name, app);
		}
		for (Map.Entry<String, LarkApprovalBotProperties> app : apps.entrySet()) {
			LarkApprovalBotProperties.Outbox outbox = app.getValue().getOutbox();
			if (!outbox.getTableName().equals(topLevel.getOutbox().getTableName())
					|| outbox.getInitializeSchema() != topLevel.getOutbox().getInitializeSchema()) {
				problems.add(APPS + "." + app.getKey() + ".outbox: table-name and initialize-schema are global (the apps "
						+ "share one table); set them under " + LarkApprovalBotProperties.PREFIX + ".outbox");
			}
		}
		clashes(apps, "app id", LarkApprovalBotProperties::getAppId, problems);
		clashes(apps, "callback path",
				(app) -> (app.getCallback().getToken() != null) ? app.getCallback().getPath() : null, problems);
		if (!problems.isEmpty()) {
			throw new InvalidLarkAppsException(problems);
		}
		return new LarkApps(apps);
	}

	/**
	 * Clears what an app never takes from the top level: its credentials, its helpdesk and its callback endpoint.
	 * @param app the app's properties, bound from the top level
	 * @param name the app's name, which gives its callback path
	 */
	private static void inheritsNot(LarkApprovalBotProperties app, String name) {
		app.setAppId(null);
		app.setAppSecret(null);
		app.getHelpdesk().setId(null);
		app.getHelpdesk().setToken(null);
		app.getCallback().setToken(null);
		app.getCallback().setKey(null);
		app.getCallback().setUrl(null);
		app.getCallback().setPath(LarkApprovalBotProperties.Callback.DEFAULT_PATH + "/" + name);
	}

	/**
	 * Clears the proxy an app inherited, for an app that names a proxy host of its own: that is another proxy, and the
	 * top level's credentials must never go to it. An app that sets only other proxy keys (its non-proxy hosts, say)
	 * refines the top level's proxy.
	 * @param proxy the app's proxy properties, bound from the top level
	 */
	private static void proxyOfItsOwn(LarkApprovalBotProperties.Proxy proxy) {
		proxy.setHost(null);
		proxy.setPort(null);
		proxy.setUsername(null);
		proxy.setPassword(null);
		proxy.setNonProxyHosts(new ArrayList<>());
	}

	private static void clashes(Map<String, LarkApprovalBotProperties> apps, String what,
			java.util.function.Function<LarkApprovalBotProperties, ? extends Object> key, List<String> problems) {
		Map<Object, String> seen = new LinkedHashMap<>();
		apps.forEach((name, app) -> {
			Object value = key.apply(app);
			if (value != null) {
				String other = seen.putIfAbsent(value, name);
				if (other != null) {
					problems.add("apps '" + other + "' and '" + name + "' have the same " + what + " " + value
							+ ": each app needs its own");
				}
			}
		});
	}

	/**
	 * Returns whether the environment configures any Lark app: the top-level app id or any {@code apps.*} key.
	 * @param environment the environment
	 * @return whether the starter is on
	 */
	static boolean anyConfigured(Environment environment) {
		return OnLarkPropertyCondition.isSet(environment, LarkApprovalBotProperties.PREFIX + ".app-id")
				|| anyNamed(environment);
	}

	/**
	 * Returns whether the environment configures named apps ({@code apps.<name>.*}).
	 * @param environment the environment
	 * @return whether it does
	 */
	static boolean anyNamed(Environment environment) {
		ConfigurationPropertyName apps = ConfigurationPropertyName.of(APPS);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.containsDescendantOf(apps) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the apps' names, the top-level app first.
	 * @return the names
	 */
	public Set<String> names() {
		return this.apps.keySet();
	}

	/**
	 * Returns one app's properties.
	 * @param name the app's name
	 * @return its properties
	 */
	public LarkApprovalBotProperties get(String name) {
		return Objects.requireNonNull(this.apps.get(name), () -> "no Lark app named " + name);
	}

	/**
	 * Returns the card renderer of an app: the starter's renders the app's callback and locales into its cards;
	 * another renderer serves every app as it is.
	 * @param name the app's name
	 * @param renderer the application's card renderer
	 * @return the app's
	 */
	public CardRenderer cardRenderer(String name, CardRenderer renderer) {
		if (AppRegistry.DEFAULT_APP.equals(name) || !(renderer instanceof LarkCardTemplateRenderer templates)) {
			return renderer;
		}
		LarkApprovalBotProperties app = get(name);
		LarkApprovalBotProperties.Callback callback = app.getCallback();
		return templates.forApp(app.getI18n().getDefaultLocale(), app.getI18n().getLocales(),
				new CardCallback(callback.getUrl(), callback.getToken(), callback.getKey()));
	}

	/**
	 * Returns every app's properties.
	 * @return the properties by app name
	 */
	public Map<String, LarkApprovalBotProperties> all() {
		return this.apps;
	}

}
