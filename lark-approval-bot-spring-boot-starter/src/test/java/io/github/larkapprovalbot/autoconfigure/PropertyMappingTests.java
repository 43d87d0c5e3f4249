package io.github.larkapprovalbot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key of the generated configuration metadata that configures the client reaches the builder: set to a value
 * other than its default, it changes what the builder bean describes. A mapping line dropped from
 * {@link LarkBuilderMapping} (or a new property never mapped) fails here.
 */
class PropertyMappingTests {

	private static final String PREFIX = LarkApprovalBotProperties.PREFIX + ".";

	/** Keys that configure other parts of the starter than the client builder. */
	private static final List<String> NOT_THE_CLIENTS = List.of(PREFIX + "callback.", PREFIX + "i18n.",
			PREFIX + "redis.", PREFIX + "store", PREFIX + "center.reconcile.", PREFIX + "outbox.", "management.");

	/** Credentials the builder masks, by the name it describes them with. */
	private static final Map<String, String> MASKED = Map.of(PREFIX + "app-secret", "appSecret",
			PREFIX + "helpdesk.token", "helpdeskToken", PREFIX + "http.proxy.password", "password");

	/**
	 * The properties every context has: the helpdesk's two keys go together, so both are set; so do the proxy's
	 * host, port and credentials.
	 */
	private static final String[] BASE = { PREFIX + "app-id=cli_base", PREFIX + "app-secret=base-secret-value",
			PREFIX + "helpdesk.id=12345", PREFIX + "helpdesk.token=base-helpdesk-token",
			PREFIX + "http.proxy.host=proxy.base.example", PREFIX + "http.proxy.port=3128",
			PREFIX + "http.proxy.username=base-proxy-user", PREFIX + "http.proxy.password=base-proxy-password" };

	private static final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class))
		.withPropertyValues(BASE);

	private static String baseline;

	@BeforeAll
	static void describeTheBaseline() {
		baseline = builderDescription();
		assertThat(baseline).contains("appId=cli_base", "appSecret=******", "helpdeskId=12345",
				"helpdeskToken=******", "httpProxy=HttpProxySettings[host=proxy.base.example, port=3128, "
						+ "username=base-proxy-user, password=******, nonProxyHosts=[]]")
			.doesNotContain("base-proxy-password");
	}

	static Stream<Key> clientKeys() {
		return metadata().stream().filter(PropertyMappingTests::configuresTheClient);
	}

	@Test
	void theMetadataListsTheClientKeys() {
		assertThat(clientKeys().map(Key::name)).hasSizeGreaterThan(30)
			.contains(PREFIX + "app-id", PREFIX + "app-secret", PREFIX + "base-url", PREFIX + "connect-timeout",
					PREFIX + "approval-path-style", PREFIX + "helpdesk.token", PREFIX + "retry.jitter",
					PREFIX + "http.max-idle-time", PREFIX + "http.proxy.host", PREFIX + "http.proxy.non-proxy-hosts",
					PREFIX + "token.skew",
					PREFIX + "rate-limit.card-patch.per-message-per-second", PREFIX + "rate-limit.send-per-second")
			.noneMatch((name) -> name.startsWith(PREFIX + "callback.") || name.startsWith(PREFIX + "redis."));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clientKeys")
	void aNonDefaultValueReachesTheBuilder(Key key) {
		String value = nonDefaultValue(key);
		String described = builderDescription(key.name() + "=" + value);
		if (MASKED.containsKey(key.name())) {
			assertThat(described).contains(MASKED.get(key.name()) + "=******").doesNotContain(value);
		}
		else {
			assertThat(described).as("%s=%s", key.name(), value).isNotEqualTo(baseline);
		}
	}

	private static boolean configuresTheClient(Key key) {
		return NOT_THE_CLIENTS.stream().noneMatch(key.name()::startsWith) && !key.type().startsWith("java.util.Map");
	}

	/** A valid value other than the key's default and the baseline's. */
	private static String nonDefaultValue(Key key) {
		String last = key.name().substring(key.name().lastIndexOf('.') + 1);
		String type = key.type();
		@Nullable String defaultValue = key.defaultValue();
		return switch (type) {
			case "java.lang.String" -> last.endsWith("url") ? "https://other.example.com" : "other-" + last + "-value";
			case "java.time.Duration" -> (defaultValue != null)
					// Half the default: within every rule (a minimum backoff stays under the maximum one).
					? DurationStyle.detectAndParse(defaultValue).dividedBy(2).toMillis() + "ms" : "7s";
			case "java.lang.Integer", "int" -> String.valueOf(
					(defaultValue == null || Integer.parseInt(defaultValue) != 3) ? 3 : 4);
			case "java.lang.Double", "double" -> String.valueOf(
					(defaultValue != null && Double.parseDouble(defaultValue) == 0.25) ? 0.75 : 0.25);
			case "java.lang.Boolean", "boolean" -> String.valueOf(!Boolean.parseBoolean(defaultValue));
			case "java.util.List<java.lang.String>" -> "other-" + last + "-value";
			default -> otherEnumConstant(key);
		};
	}

	private static String otherEnumConstant(Key key) {
		Class<?> type;
		try {
			type = Class.forName(key.type());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("No value known for " + key, ex);
		}
		assertThat(type.isEnum()).as("%s is an enum", key).isTrue();
		String current = (key.defaultValue() != null) ? key.defaultValue().replace('-', '_').toUpperCase(Locale.ROOT)
				: null;
		for (Object constant : type.getEnumConstants()) {
			String name = ((Enum<?>) constant).name();
			if (!name.equals(current)) {
				return name;
			}
		}
		throw new IllegalStateException(key + " has one constant only");
	}

	private static String builderDescription(String... properties) {
		AtomicReference<String> description = new AtomicReference<>();
		contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).as("context with %s", List.of(properties)).hasNotFailed();
			description.set(context.getBean(ApprovalBotMessengerBuilder.class).toString());
		});
		return description.get();
	}

	/** The properties of this starter's generated metadata (other jars on the class path have their own). */
	private static List<Key> metadata() {
		Map<String, Key> keys = new TreeMap<>();
		try {
			for (URL url : Collections.list(PropertyMappingTests.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))) {
				try (InputStream in = url.openStream()) {
					for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
						String name = property.path("name").asString();
						if (name.startsWith(PREFIX)) {
							JsonNode defaultValue = property.path("defaultValue");
							keys.put(name, new Key(name, property.path("type").asString(),
									(defaultValue.isMissingNode() || defaultValue.isArray()) ? null
											: defaultValue.asString()));
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ArrayList<>(keys.values());
	}

	/** A key of the metadata. */
	record Key(String name, String type, @Nullable String defaultValue) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
