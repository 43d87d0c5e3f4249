package io.github.larkapprovalbot.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.UserIdType;
import io.github.larkapprovalbot.card.CardPatch;
import io.github.larkapprovalbot.center.ExternalInstance;
import io.github.larkapprovalbot.center.UpdateMode;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.validation.PayloadValidator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.StringUtils;

/**
 * The outbox on a relational database: validates, records in the caller's transaction, and wakes its worker once
 * the row is committed.
 */
final class JdbcLarkOutbox implements LarkOutbox {

	/** The largest payload a row takes (MySQL's {@code MEDIUMTEXT} holds 16 MB; Lark's own limits are far lower). */
	static final int MAX_PAYLOAD_BYTES = 1024 * 1024;

	/** The width of the columns that hold message and instance ids. */
	static final int MAX_REFERENCE_LENGTH = 255;

	private final ApprovalBotMessenger messenger;

	private final String app;

	private final OutboxTable table;

	private final PayloadValidator validator;

	private final JsonMapper mapper;

	private final @Nullable CardRenderer cardRenderer;

	private final java.time.Clock clock;

	private final OutboxWorker worker;

	private JdbcLarkOutbox(LarkOutboxBuilder builder, OutboxTable table) {
		this.app = builder.appName;
		this.messenger = builder.messenger;
		this.table = table;
		this.validator = builder.validator;
		this.mapper = builder.jsonMapper;
		this.cardRenderer = builder.cardRenderer;
		this.clock = builder.clock;
		this.worker = new OutboxWorker(builder, table);
	}

	static JdbcLarkOutbox create(LarkOutboxBuilder builder) {
		OutboxTable table = new OutboxTable(builder.dataSource, builder.tableName);
		table.check();
		return new JdbcLarkOutbox(builder, table);
	}

	@Override
	public void start() {
		this.worker.start();
	}

	@Override
	public String send(ApprovalBotMessage message) {
		Objects.requireNonNull(message, "message must not be null");
		ApprovalBotMessage withUuid = this.validator.validate((message.uuid() != null) ? message
				: message.withUuid(UUID.randomUUID().toString()));
		String id = Objects.requireNonNull(withUuid.uuid());
		String json = json(withUuid);
		// A uuid made here names no recorded row: no lookup, one round trip less (a clash would fail the insert).
		OutboxRow recorded = (message.uuid() != null) ? this.table.findAnyApp(id).orElse(null) : null;
		if (recorded == null) {
			record(id, OutboxCallKind.SEND, json, null, id, null, null);
		}
		else if (!recorded.app().equals(this.app) || recorded.kind() != OutboxCallKind.SEND
				|| !recorded.payload().equals(json)) {
			// Lark would show one card for a uuid and receiver: a different message under it would be lost.
			throw new IllegalArgumentException("uuid: '" + id + "' is already recorded for another message (app "
					+ recorded.app() + ", " + recorded.kind() + "); give each card its own uuid");
		}
		// The same message again under its uuid is the same card: it is recorded once.
		return id;
	}

	@Override
	public String sendCard(Object card) {
		Objects.requireNonNull(card, "card must not be null");
		CardRenderer renderer = this.cardRenderer;
		if (renderer == null) {
			throw new IllegalStateException("No CardRenderer is configured: use the Spring Boot starter or "
					+ "LarkOutbox.builder(...).cardRenderer(...)");
		}
		return send(renderer.render(card));
	}

	@Override
	public String update(ApprovalBotMessageUpdate update) {
		Objects.requireNonNull(update, "update must not be null");
		ApprovalBotMessageUpdate valid = this.validator.validate(update.withI18nResources());
		String reference = fits("message_id", Objects.requireNonNull(valid.messageId()));
		return record(newId(), OutboxCallKind.UPDATE, json(valid), reference, orderKey(reference), null, null);
	}

	@Override
	public String patchCard(String messageId, String cardJson) {
		Objects.requireNonNull(messageId, "messageId must not be null");
		if (!StringUtils.hasText(messageId)) {
			throw new IllegalArgumentException("messageId must be a message id or an outbox id, was '" + messageId + "'");
		}
		fits("messageId", messageId);
		CardPatch patch = this.validator.validate(new CardPatch(cardJson));
		return record(newId(), OutboxCallKind.PATCH_CARD, json(patch), messageId, orderKey(messageId), null, null);
	}

	@Override
	public String sendHelpdesk(HelpdeskBotMessage message, UserIdType userIdType) {
		Objects.requireNonNull(message, "message must not be null");
		Objects.requireNonNull(userIdType, "userIdType must not be null");
		return record(newId(), OutboxCallKind.SEND_HELPDESK, json(this.validator.validate(message)), userIdType.name(),
				null, null, null);
	}

	@Override
	public String sync(ExternalInstance instance) {
		Objects.requireNonNull(instance, "instance must not be null");
		// Validated as the approval center sends it: without a mode, an instance updates what Lark holds.
		this.validator.validate(UpdateMode.REPLACE.name().equals(instance.updateMode()) ? instance
				: instance.withUpdateMode(UpdateMode.UPDATE));
		// Fails now, before anything is stored, when this app's messenger has no approval center.
		this.messenger.approvalCenter();
		String key = fits("instance_id", Objects.requireNonNull(instance.instanceId()));
		long version = Long.parseLong(Objects.requireNonNull(instance.updateTime()));
		return record(newId(), OutboxCallKind.SYNC, json(instance), null, null, key, version);
	}

	@Override
	public Optional<OutboxEntry> find(String id) {
		return this.table.find(this.app, Objects.requireNonNull(id, "id must not be null")).map(OutboxRow::entry);
	}

	@Override
	public boolean retry(String id) {
		boolean retried = this.table.retry(this.app, Objects.requireNonNull(id, "id must not be null"),
				this.clock.millis());
		if (retried) {
			afterCommit();
		}
		return retried;
	}

	@Override
	public boolean discard(String id) {
		return this.table.discard(this.app, Objects.requireNonNull(id, "id must not be null"), this.clock.millis());
	}

	@Override
	public OutboxBacklog backlog() {
		return this.table.backlog(this.app, this.clock.millis());
	}

	@Override
	public void close() {
		this.worker.close();
	}

	/** The payload as it goes to Lark, refused when a row cannot hold it. */
	private String json(Object payload) {
		String json = this.mapper.writeValueAsString(payload);
		int bytes = json.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_PAYLOAD_BYTES) {
			throw new IllegalArgumentException("payload: " + bytes + " bytes of JSON, more than the " + MAX_PAYLOAD_BYTES
					+ " an outbox row holds");
		}
		return json;
	}

	/** A reference a row keeps in a column of {@value #MAX_REFERENCE_LENGTH} characters. */
	private static String fits(String field, String value) {
		if (value.length() > MAX_REFERENCE_LENGTH) {
			throw new IllegalArgumentException(field + ": " + value.length() + " characters, more than the "
					+ MAX_REFERENCE_LENGTH + " an outbox row holds");
		}
		return value;
	}

	private String record(String id, OutboxCallKind kind, String json, @Nullable String target,
			@Nullable String orderKey, @Nullable String coalesceKey, @Nullable Long version) {
		long now = this.clock.millis();
		OutboxState state = OutboxState.PENDING;
		if (coalesceKey != null && version != null) {
			if (this.table.newerSyncPending(this.app, coalesceKey, version)) {
				state = OutboxState.COALESCED;
			}
			else {
				this.table.coalesce(this.app, coalesceKey, version, now);
			}
		}
		this.table.insert(new OutboxRow(0, id, this.app, kind, state, target, orderKey, coalesceKey, version, json, 0,
				now, null, null, null, null, now), now);
		afterCommit();
		return id;
	}

	/** An update or patch goes after the card it refers to, when this outbox has it, and after its earlier ones. */
	private String orderKey(String reference) {
		return this.table.findSend(this.app, reference).map(OutboxRow::id).orElse(reference);
	}

	/** Wakes the worker once the row can be seen: after the caller's commit, or now without a transaction. */
	private void afterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					JdbcLarkOutbox.this.worker.wake();
				}

			});
		}
		else {
			this.worker.wake();
		}
	}

	private static String newId() {
		return UUID.randomUUID().toString();
	}

	@Override
	public String toString() {
		return "JdbcLarkOutbox[app=" + this.app + "]";
	}

}
