package io.github.larkapprovalbot.outbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An outbox row as the application sees it.
 *
 * @param id the id the outbox call returned (for a send, the uuid Lark de-duplicates on)
 * @param app the Lark app's name
 * @param kind the call
 * @param state where it stands
 * @param messageId Lark's message id once delivered (sends, helpdesk messages, and the message an update or patch
 * went to); a bot card's click may arrive without one, and this id links it to the row
 * @param attempts the attempts made so far
 * @param lastError the last attempt's failure, if it failed
 * @param createdAt when the call was recorded
 * @param updatedAt when the row last changed
 */
public record OutboxEntry(String id, String app, OutboxCallKind kind, OutboxState state, @Nullable String messageId,
		int attempts, @Nullable String lastError, Instant createdAt, Instant updatedAt) {

}
