package io.github.larkapprovalbot.validation;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses the JSON strings that payloads carry ({@code content} of helpdesk messages and card patches).
 */
final class JsonContent {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private JsonContent() {
	}

	/**
	 * Parses a JSON object.
	 * @param json the text
	 * @return the object, or {@code null} when the text is not a JSON object
	 */
	static @Nullable JsonNode object(String json) {
		try {
			JsonNode node = MAPPER.readTree(json);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
