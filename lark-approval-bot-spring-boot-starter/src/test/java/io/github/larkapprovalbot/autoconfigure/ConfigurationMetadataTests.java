package io.github.larkapprovalbot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.ArchitectureRules;
import io.github.larkapprovalbot.LarkEndpoint;
import io.github.larkapprovalbot.ratelimit.RateLimit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key of the generated configuration metadata has a description, so IDEs document all of them; every group
 * too; every key of an enum type hints its values in the form the documentation writes them, and the hints of the
 * hosts and endpoints follow the core's constants, so that the metadata cannot drift from what binds.
 */
class ConfigurationMetadataTests {

	@Test
	void everyKeyHasADescription() throws IOException {
		JsonNode metadata = read("META-INF/spring-configuration-metadata.json");
		List<String> names = new ArrayList<>();
		List<String> undocumented = new ArrayList<>();
		for (JsonNode property : metadata.path("properties")) {
			names.add(property.path("name").asString());
			if (property.path("description").asString("").isBlank()) {
				undocumented.add(property.path("name").asString());
			}
		}
		assertThat(names).contains("lark.approval-bot.app-id", "lark.approval-bot.app-secret",
				"lark.approval-bot.base-url", "lark.approval-bot.helpdesk.id", "lark.approval-bot.helpdesk.token",
				"lark.approval-bot.callback.token", "lark.approval-bot.callback.key", "lark.approval-bot.callback.path",
				"lark.approval-bot.token.skew", "lark.approval-bot.i18n.default-locale", "lark.approval-bot.i18n.locales");
		assertThat(undocumented).isEmpty();
	}

	/**
	 * The defaults come from core, where the metadata processor cannot read them, so the additional metadata
	 * documents them: each documented default must be the one the properties really start with, and every property
	 * that starts with a value must document it.
	 */
	@Test
	void everyDefaultIsDocumentedAsItIs() throws IOException {
		BeanWrapper defaults = new BeanWrapperImpl(new LarkApprovalBotProperties());
		ConversionService conversion = ApplicationConversionService.getSharedInstance();
		List<String> wrong = new ArrayList<>();
		for (JsonNode property : read("META-INF/spring-configuration-metadata.json").path("properties")) {
			String name = property.path("name").asString();
			if (!name.startsWith(LarkApprovalBotProperties.PREFIX + ".")
					|| name.equals(LarkApprovalBotProperties.PREFIX + ".rate-limit")
					|| name.equals(LarkApprovalBotProperties.PREFIX + ".apps")) {
				continue;
			}
			JsonNode documented = property.path("defaultValue");
			if (name.startsWith(LarkApprovalBotProperties.PREFIX + ".rate-limit.")) {
				Integer limit = documentedLimit(name);
				if (!Objects.equals(limit, documented.isMissingNode() ? null : documented.asInt())) {
					wrong.add(name + " documents " + documented + " but the client's default is " + limit);
				}
				continue;
			}
			String path = javaPath(name.substring(LarkApprovalBotProperties.PREFIX.length() + 1));
			Object actual = defaults.getPropertyValue(path);
			if (documented.isMissingNode()) {
				if (actual != null) {
					wrong.add(name + " starts as " + actual + " but documents no default");
				}
				continue;
			}
			String text = documented.isArray()
					? String.join(",", documented.valueStream().map(JsonNode::asString).toList()) : documented.asString();
			Object parsed = conversion.convert(text, TypeDescriptor.valueOf(String.class),
					defaults.getPropertyTypeDescriptor(path));
			if (!Objects.equals(parsed, actual)) {
				wrong.add(name + " documents " + text + " but starts as " + actual);
			}
		}
		assertThat(wrong).isEmpty();
	}

	/** The core's default of a rate-limit key, a deprecated one through its replacement. */
	private static @Nullable Integer documentedLimit(String name) {
		String key = name.substring((LarkApprovalBotProperties.PREFIX + ".rate-limit.").length());
		key = switch (key) {
			case "send-per-second" -> "message-send.per-second";
			case "send-per-minute" -> "message-send.per-minute";
			case "patch-per-second" -> "card-patch.per-second";
			case "patch-per-message-per-second" -> "card-patch.per-message-per-second";
			case "helpdesk-per-minute" -> "helpdesk-message.per-minute";
			default -> key;
		};
		for (LarkEndpoint endpoint : LarkEndpoint.values()) {
			RateLimit limit = ApprovalBotMessengerBuilder.defaultRateLimit(endpoint);
			String prefix = endpoint.propertyName() + ".";
			if (key.equals(prefix + "per-second")) {
				return limit.perSecond();
			}
			if (key.equals(prefix + "per-minute")) {
				return limit.perMinute();
			}
			if (key.equals(prefix + "per-message-per-second")) {
				return limit.perMessagePerSecond();
			}
		}
		return null;
	}

	@Test
	void everyEndpointsLimitsAreDocumented() throws IOException {
		List<String> names = new ArrayList<>();
		read("META-INF/spring-configuration-metadata.json").path("properties")
			.forEach((property) -> names.add(property.path("name").asString()));
		for (LarkEndpoint endpoint : LarkEndpoint.values()) {
			assertThat(names).contains(LarkApprovalBotProperties.PREFIX + ".rate-limit." + endpoint.propertyName()
					+ ".per-second", LarkApprovalBotProperties.PREFIX + ".rate-limit." + endpoint.propertyName()
							+ ".per-minute");
		}
	}

	private static String javaPath(String dashed) {
		StringBuilder path = new StringBuilder();
		boolean upper = false;
		for (char c : dashed.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				path.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return path.toString();
	}

	@Test
	void additionalMetadataDocumentsTheHealthSwitchAndDefaultLocales() throws IOException {
		JsonNode additional = read("META-INF/additional-spring-configuration-metadata.json");
		assertThat(additional.path("properties")).anySatisfy((property) -> {
			assertThat(property.path("name").asString()).isEqualTo("management.health.lark.enabled");
			assertThat(property.path("description").asString()).isNotBlank();
		});
	}

	@Test
	void everyGroupHasADescription() throws IOException {
		List<String> undocumented = new ArrayList<>();
		for (JsonNode group : read("META-INF/spring-configuration-metadata.json").path("groups")) {
			if (group.path("description").asString("").isBlank()) {
				undocumented.add(group.path("name").asString());
			}
		}
		assertThat(undocumented).isEmpty();
	}

	/**
	 * Each key whose type is an enum, or a list of one, hints every constant in its documented form ({@code zh-CN},
	 * {@code open-apis}, {@code redis}), each with a description; each hinted value binds to its constant, and a
	 * documented default is one of them.
	 */
	@Test
	void everyEnumValuedKeyHintsItsValuesAsTheyAreWritten() throws IOException {
		JsonNode metadata = read("META-INF/spring-configuration-metadata.json");
		Map<String, JsonNode> hints = new HashMap<>();
		metadata.path("hints").forEach((hint) -> hints.put(hint.path("name").asString(), hint));
		ConversionService conversion = ApplicationConversionService.getSharedInstance();
		List<String> enumKeys = new ArrayList<>();
		List<String> wrong = new ArrayList<>();
		for (JsonNode property : metadata.path("properties")) {
			String name = property.path("name").asString();
			Class<?> type = enumType(property.path("type").asString());
			if (!name.startsWith(LarkApprovalBotProperties.PREFIX + ".") || type == null) {
				continue;
			}
			enumKeys.add(name);
			JsonNode hint = hints.get(name);
			if (hint == null) {
				wrong.add(name + " hints no values");
				continue;
			}
			Map<String, Object> bound = new LinkedHashMap<>();
			for (JsonNode value : hint.path("values")) {
				String text = value.path("value").asString();
				if (value.path("description").asString("").isBlank()) {
					wrong.add(name + " hints " + text + " without a description");
				}
				bound.put(text, conversion.convert(text, type));
			}
			List<String> expected = Arrays.stream(type.getEnumConstants()).map((c) -> documentedForm((Enum<?>) c)).toList();
			if (!List.copyOf(bound.keySet()).equals(expected)) {
				wrong.add(name + " hints " + bound.keySet() + " instead of " + expected);
			}
			bound.forEach((text, constant) -> {
				if (constant == null || !documentedForm((Enum<?>) constant).equals(text)) {
					wrong.add(name + " hints " + text + ", which binds to " + constant);
				}
			});
			JsonNode defaultValue = property.path("defaultValue");
			List<String> defaults = defaultValue.isArray() ? defaultValue.valueStream().map(JsonNode::asString).toList()
					: defaultValue.isMissingNode() ? List.of() : List.of(defaultValue.asString());
			defaults.stream()
				.filter((value) -> !bound.containsKey(value))
				.forEach((value) -> wrong.add(name + " documents the default " + value + ", not a hinted value"));
		}
		assertThat(enumKeys).contains(LarkApprovalBotProperties.PREFIX + ".approval-path-style",
				LarkApprovalBotProperties.PREFIX + ".store", LarkApprovalBotProperties.PREFIX + ".i18n.default-locale",
				LarkApprovalBotProperties.PREFIX + ".i18n.locales",
				LarkApprovalBotProperties.PREFIX + ".outbox.initialize-schema");
		assertThat(wrong).isEmpty();
	}

	/** The enum of a metadata type, {@code Foo} or {@code java.util.List<Foo>}, if it is one. */
	private static @Nullable Class<?> enumType(String type) {
		String element = type.matches("java\\.util\\.(List|Set|Collection)<.*>")
				? type.substring(type.indexOf('<') + 1, type.length() - 1) : type;
		try {
			Class<?> candidate = Class.forName(element);
			return candidate.isEnum() ? candidate : null;
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

	/**
	 * The form the documentation writes a constant in: its wire form where it has one ({@code tag()} of a locale,
	 * {@code value()} such as {@code open_id}), otherwise Spring Boot's dashed lower case ({@code open-apis}).
	 */
	private static String documentedForm(Enum<?> constant) {
		for (String accessor : List.of("tag", "value")) {
			try {
				Method method = constant.getDeclaringClass().getMethod(accessor);
				if (method.getReturnType() == String.class) {
					return (String) method.invoke(constant);
				}
			}
			catch (ReflectiveOperationException ex) {
				// no such form
			}
		}
		return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	@Test
	void baseUrlHintsTheTwoOpenPlatformHostsAndAllowsAnyOther() throws IOException {
		JsonNode hint = hint(LarkApprovalBotProperties.PREFIX + ".base-url");
		assertThat(hint.path("values").valueStream().map((value) -> value.path("value").asString()))
			.containsExactly(ApprovalBotMessengerBuilder.FEISHU, ApprovalBotMessengerBuilder.LARK);
		assertThat(hint.path("values").valueStream().map((value) -> value.path("description").asString()))
			.allSatisfy((description) -> assertThat(description).isNotBlank())
			.anySatisfy((description) -> assertThat(description).contains("Feishu"))
			.anySatisfy((description) -> assertThat(description).contains("Lark"));
		// A sandbox or a private deployment is any other URL.
		assertThat(hint.path("providers").valueStream().map((provider) -> provider.path("name").asString()))
			.containsExactly("any");
	}

	@Test
	void rateLimitKeysHintEveryEndpoint() throws IOException {
		JsonNode hint = hint(LarkApprovalBotProperties.PREFIX + ".rate-limit.keys");
		assertThat(hint.path("values").valueStream().map((value) -> value.path("value").asString()))
			.containsExactlyInAnyOrder(
					Arrays.stream(LarkEndpoint.values()).map(LarkEndpoint::propertyName).toArray(String[]::new));
		assertThat(hint.path("values")).allSatisfy(
				(value) -> assertThat(value.path("description").asString("")).isNotBlank());
	}

	/** An application runs on one connector: each http key says whether it applies to that one. */
	@Test
	void everyHttpKeySaysWhichConnectorItAppliesTo() throws IOException {
		Pattern connector = Pattern
			.compile(".*\\((Reactor Netty only|JDK HttpClient only|Reactor Netty and JDK HttpClient)[^)]*\\)\\.?");
		List<String> names = new ArrayList<>();
		for (JsonNode property : read("META-INF/spring-configuration-metadata.json").path("properties")) {
			String name = property.path("name").asString();
			if (name.startsWith(LarkApprovalBotProperties.PREFIX + ".http.")) {
				names.add(name);
				assertThat(property.path("description").asString()).as(name).matches(connector);
			}
		}
		assertThat(names).contains(LarkApprovalBotProperties.PREFIX + ".http.max-connections",
				LarkApprovalBotProperties.PREFIX + ".http.proxy.host",
				LarkApprovalBotProperties.PREFIX + ".http.proxy.non-proxy-hosts");
	}

	/** Each health indicator the starter contributes can be switched off with a documented key. */
	@Test
	void everyHealthIndicatorSwitchIsDocumented() throws IOException {
		JavaClasses starter = ArchitectureRules.mainClassesOf(LarkApprovalBotAutoConfiguration.class);
		List<String> switches = starter.stream()
			.flatMap((type) -> Stream.<HasAnnotations<?>>concat(Stream.of(type), type.getMethods().stream()))
			.flatMap((member) -> member.tryGetAnnotationOfType(ConditionalOnEnabledHealthIndicator.class).stream())
			.map((annotation) -> "management.health." + annotation.value() + ".enabled")
			.distinct()
			.toList();
		assertThat(switches).contains("management.health.lark.enabled", "management.health.larkoutbox.enabled");
		Map<String, JsonNode> documented = new HashMap<>();
		read("META-INF/spring-configuration-metadata.json").path("properties")
			.forEach((property) -> documented.put(property.path("name").asString(), property));
		assertThat(switches).allSatisfy((name) -> {
			assertThat(documented).containsKey(name);
			assertThat(documented.get(name).path("description").asString("")).as(name).isNotBlank();
			assertThat(documented.get(name).path("defaultValue").asBoolean(false)).as(name).isTrue();
		});
	}

	private JsonNode hint(String name) throws IOException {
		for (JsonNode hint : read("META-INF/spring-configuration-metadata.json").path("hints")) {
			if (hint.path("name").asString().equals(name)) {
				return hint;
			}
		}
		throw new AssertionError("No hint for " + name);
	}

	private JsonNode read(String resource) throws IOException {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return JsonMapper.shared().readTree(in);
		}
	}

}
