package io.github.larkapprovalbot.sample.sandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A message the sandbox holds: an approval bot card, a helpdesk message or an interactive card.
 */
final class SandboxMessage {

	enum Kind {

		APPROVAL, HELPDESK, INTERACTIVE

	}

	final String id;

	final Kind kind;

	final String recipient;

	volatile Instant createdAt;

	/** The send body (approval), the helpdesk body, or the card (interactive). */
	volatile JsonNode body;

	volatile @Nullable String status;

	/** The last {@code message/update} body, for CUSTOM status texts. */
	volatile @Nullable JsonNode update;

	volatile int patches;

	SandboxMessage(String id, Kind kind, String recipient, Instant createdAt, JsonNode body) {
		this.id = id;
		this.kind = kind;
		this.recipient = recipient;
		this.createdAt = createdAt;
		this.body = body;
	}

	@Nullable String templateId() {
		return (this.kind == Kind.APPROVAL) ? this.body.path("template_id").asString(null) : null;
	}

}
