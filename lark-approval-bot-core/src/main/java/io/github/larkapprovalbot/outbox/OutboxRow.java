package io.github.larkapprovalbot.outbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A row as the table holds it; times are epoch milliseconds of the outbox's clock.
 *
 * @param attemptStartedAt when the attempt in flight started: still set when a row is claimed, an earlier attempt's
 * worker stopped or died without recording its outcome
 * @param maybeSentAt when an attempt that may have reached Lark started (sends only: it opens the uuid window)
 */
record OutboxRow(long seq, String id, String app, OutboxCallKind kind, OutboxState state, @Nullable String target,
		@Nullable String orderKey, @Nullable String coalesceKey, @Nullable Long version, String payload, int attempts,
		long createdAt, @Nullable Long attemptStartedAt, @Nullable Long maybeSentAt, @Nullable String messageId,
		@Nullable String lastError, long updatedAt) {

	OutboxEntry entry() {
		return new OutboxEntry(this.id, this.app, this.kind, this.state, this.messageId, this.attempts, this.lastError,
				Instant.ofEpochMilli(this.createdAt), Instant.ofEpochMilli(this.updatedAt));
	}

}
