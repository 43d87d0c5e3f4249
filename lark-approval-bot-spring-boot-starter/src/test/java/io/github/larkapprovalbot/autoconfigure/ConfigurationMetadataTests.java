package io.github.larkapprovalbot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
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
