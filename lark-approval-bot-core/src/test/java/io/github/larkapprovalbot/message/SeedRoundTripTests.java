package io.github.larkapprovalbot.message;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;

import io.github.larkapprovalbot.card.CardPatch;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON request example of the seed documents survives deserialization and serialization with a default
 * Jackson 3 mapper as an equal JSON tree; the one allowed difference is the normalised locale.
 */
class SeedRoundTripTests {

	private final JsonMapper mapper = new JsonMapper();

	static Stream<Arguments> seeds() {
		return Stream.of(Arguments.of("000-send-1008.json", ApprovalBotMessage.class),
				Arguments.of("000-update-approved.json", ApprovalBotMessageUpdate.class),
				Arguments.of("001-send-general-1001.json", ApprovalBotMessage.class),
				Arguments.of("001-send-custom-1021.json", ApprovalBotMessage.class),
				Arguments.of("002-update-custom.json", ApprovalBotMessageUpdate.class),
				Arguments.of("003-card-patch.json", CardPatch.class),
				Arguments.of("004-helpdesk-post.json", HelpdeskBotMessage.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("seeds")
	void roundTripGivesAnEqualTree(String seed, Class<?> type) throws IOException {
		JsonNode original = read(seed);
		Object payload = this.mapper.treeToValue(original, type);
		JsonNode written = this.mapper.readTree(this.mapper.writeValueAsString(payload));
		assertThat(written).isEqualTo(normalizeLocales(original.deepCopy()));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "000-send-1008.json", "001-send-general-1001.json", "001-send-custom-1021.json" })
	void recordsKeepTheLeadingSpaceOfTheSeedUrls(String seed) throws IOException {
		ApprovalBotMessage message = this.mapper.treeToValue(read(seed), ApprovalBotMessage.class);
		assertThat(message.actions().get(0).url()).startsWith(" https://");
	}

	private JsonNode read(String seed) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/seeds/" + seed)) {
			assertThat(in).as(seed).isNotNull();
			return this.mapper.readTree(in);
		}
	}

	private static JsonNode normalizeLocales(JsonNode node) {
		for (JsonNode resource : node.path("i18n_resources")) {
			((ObjectNode) resource).put("locale", LarkLocale.normalize(resource.get("locale").asString()));
		}
		return node;
	}

}
