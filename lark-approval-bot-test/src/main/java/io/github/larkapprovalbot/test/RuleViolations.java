package io.github.larkapprovalbot.test;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The rules a request broke, each as "field: rule", and the checks the endpoint rules share.
 */
final class RuleViolations {

	static final String I18N_PREFIX = "@i18n@";

	private final List<String> violations = new ArrayList<>();

	void add(String field, String rule) {
		this.violations.add(field + ": " + rule);
	}

	boolean isEmpty() {
		return this.violations.isEmpty();
	}

	@Override
	public String toString() {
		return String.join("; ", this.violations);
	}

	/** A string field that must be present and not blank; returns it, or null after reporting it. */
	@Nullable String required(JsonNode parent, String name, String field) {
		String value = text(parent, name);
		if (value == null || value.isBlank()) {
			add(field, "is required");
			return null;
		}
		return value;
	}

	/** A field that, when present, must be one of the documented values. */
	void oneOf(JsonNode parent, String name, String field, Set<String> values) {
		JsonNode node = parent.path(name);
		if (!node.isMissingNode() && !node.isNull() && !(node.isString() && values.contains(node.asString()))) {
			add(field, "must be one of " + values + ", was " + node);
		}
	}

	/** A field that, when present, must be an i18n key; returns the key or null. */
	@Nullable String i18nKey(JsonNode parent, String name, String field) {
		JsonNode node = parent.path(name);
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (!node.isString() || !node.asString().startsWith(I18N_PREFIX)) {
			add(field, "must be an i18n key starting with " + I18N_PREFIX + ", was " + node);
			return null;
		}
		return node.asString();
	}

	/** A link that must be an absolute http or https URL ("链接必须包含schema才能生效"). */
	void httpUrl(JsonNode parent, String name, String field) {
		String value = required(parent, name, field);
		if (value != null && !isHttpUrl(value.strip())) {
			add(field, "must be an http or https URL, was " + value);
		}
	}

	static boolean isHttpUrl(String value) {
		try {
			URI uri = new URI(value);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	static @Nullable String text(JsonNode parent, String name) {
		JsonNode node = parent.path(name);
		return node.isString() ? node.asString() : null;
	}

	static boolean present(JsonNode parent, String name) {
		JsonNode node = parent.path(name);
		return !node.isMissingNode() && !node.isNull();
	}

}
