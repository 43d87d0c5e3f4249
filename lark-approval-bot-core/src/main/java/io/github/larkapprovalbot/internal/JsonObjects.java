package io.github.larkapprovalbot.internal;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads text that should be a JSON object (Lark's answers, callback bodies, the {@code content} strings payloads
 * carry) and treats anything else as absent, so that callers report their own error rather than Jackson's.
 */
public final class JsonObjects {

	/** A node that is nothing, to read paths of an absent object without null checks. */
	public static final JsonNode MISSING = tools.jackson.databind.node.MissingNode.getInstance();

	private JsonObjects() {
	}

	/**
	 * Parses a JSON object.
	 * @param json the bytes
	 * @param mapper the mapper
	 * @return the object, or {@code null} when the bytes are not a JSON object
	 */
	public static @Nullable JsonNode parse(byte[] json, JsonMapper mapper) {
		return (json.length > 0) ? object(() -> mapper.readTree(json)) : null;
	}

	/**
	 * Parses a JSON object with Jackson's shared mapper.
	 * @param json the text
	 * @return the object, or {@code null} when the text is not a JSON object
	 */
	public static @Nullable JsonNode parse(String json) {
		return object(() -> JsonMapper.shared().readTree(json));
	}

	private static @Nullable JsonNode object(Supplier<@Nullable JsonNode> read) {
		try {
			JsonNode node = read.get();
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
