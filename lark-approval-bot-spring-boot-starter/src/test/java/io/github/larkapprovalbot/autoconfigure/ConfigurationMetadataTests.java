package io.github.larkapprovalbot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.LarkEndpoint;
import io.github.larkapprovalbot.ratelimit.RateLimit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key of the generated configuration metadata has a description, so IDEs document all of them.
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

	private JsonNode read(String resource) throws IOException {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return JsonMapper.shared().readTree(in);
		}
	}

}
