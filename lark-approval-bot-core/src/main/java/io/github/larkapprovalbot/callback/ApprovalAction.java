package io.github.larkapprovalbot.callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.larkapprovalbot.apps.AppRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.util.StringUtils;

/**
 * A quick-approval callback: who clicked which button on which card.
 *
 * @param actionType {@code APPROVE}, {@code REJECT} or the card's custom action type
 * @param actionContext the {@code action_context} the card was sent with
 * @param userId the operator's user_id
 * @param approvalCode the approval definition code
 * @param instanceId the approval instance id
 * @param taskId the task id
 * @param messageId the approval bot message id (Lark sends an int64; bot-card clicks can arrive without it)
 * @param id the callback id, when Lark sends one
 * @param reason the reason the approver typed, if the button asks for one
 * @param attachments files attached to the reason
 * @param app the configured name of the app whose callback endpoint received the click ({@code default} for the
 * top-level app): set by the endpoint, never read from the body
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties({ "token", "app" })
public record ApprovalAction(@JsonProperty("action_type") @Nullable String actionType,
		@JsonProperty("action_context") @Nullable String actionContext,
		@JsonProperty("user_id") @Nullable String userId, @JsonProperty("approval_code") @Nullable String approvalCode,
		@JsonProperty("instance_id") @Nullable String instanceId, @JsonProperty("task_id") @Nullable String taskId,
		@JsonProperty("message_id") @Nullable String messageId, @JsonProperty("id") @Nullable String id,
		@JsonProperty("reason") @Nullable String reason,
		@JsonProperty("attachments") @Nullable List<Attachment> attachments, @JsonIgnore String app) {

	/**
	 * Creates the action; the attachments are copied, and a missing {@code app} is the default app.
	 *
	 * @param actionType {@code APPROVE}, {@code REJECT} or the card's custom action type
	 * @param actionContext the {@code action_context} the card was sent with
	 * @param userId the operator's user_id
	 * @param approvalCode the approval definition code
	 * @param instanceId the approval instance id
	 * @param taskId the task id
	 * @param messageId the approval bot message id (Lark sends an int64; bot-card clicks can arrive without it)
	 * @param id the callback id, when Lark sends one
	 * @param reason the reason the approver typed, if the button asks for one
	 * @param attachments files attached to the reason
	 * @param app the configured name of the app whose callback endpoint received the click ({@code default} for the
	 * top-level app): set by the endpoint, never read from the body
	 */
	public ApprovalAction {
		attachments = (attachments != null) ? List.copyOf(attachments) : null;
		app = (app != null) ? app : AppRegistry.DEFAULT_APP;
	}

	/**
	 * Creates a click of the top-level app.
	 * @param actionType the action type
	 * @param actionContext the action context
	 * @param userId the operator
	 * @param approvalCode the approval code
	 * @param instanceId the instance id
	 * @param taskId the task id
	 * @param messageId the message id
	 * @param id the callback id
	 * @param reason the reason
	 * @param attachments the attachments
	 * @deprecated since 0.2.0, for removal: a click names the app it came to; use the canonical constructor
	 */
	@Deprecated(since = "0.2.0", forRemoval = true)
	public ApprovalAction(@Nullable String actionType, @Nullable String actionContext, @Nullable String userId,
			@Nullable String approvalCode, @Nullable String instanceId, @Nullable String taskId,
			@Nullable String messageId, @Nullable String id, @Nullable String reason,
			@Nullable List<Attachment> attachments) {
		this(actionType, actionContext, userId, approvalCode, instanceId, taskId, messageId, id, reason, attachments,
				AppRegistry.DEFAULT_APP);
	}

	/**
	 * Returns this click as received by an app's callback endpoint.
	 * @param app the app's configured name
	 * @return the click, naming the app
	 */
	public ApprovalAction withApp(String app) {
		return new ApprovalAction(this.actionType, this.actionContext, this.userId, this.approvalCode,
				this.instanceId, this.taskId, this.messageId, this.id, this.reason, this.attachments, app);
	}

	/**
	 * Returns what identifies this click among all deliveries, as a SHA-256 (so that stores hold 64 characters however
	 * long Lark's ids are): Lark's {@code id} with the action type and the operator when Lark sent an id (after a
	 * search, {@code id} is the task's id, so that a REJECT after a refused APPROVE on the same task is another
	 * click), the task's id the same way for a click in the approval center's list (the same decision as after a
	 * search); otherwise the message, instance, task, action type, operator and action context together, so that two
	 * clicks that differ in any of them are two clicks (bot-card clicks can arrive with an empty {@code message_id} and
	 * no instance or task).
	 * @return the click id, 64 hexadecimal digits, or {@code null} when the delivery carries nothing that tells this
	 * click from another (no id, message, instance, task or context): such a click is handled every time it is
	 * delivered
	 */
	public @Nullable String clickId() {
		if (StringUtils.hasText(this.id)) {
			return hash("id", this.id, this.actionType, this.userId);
		}
		if (origin() == Origin.LIST && StringUtils.hasText(this.taskId)) {
			// The same decision as a click on that task after a search, whose id is the task's.
			return hash("id", this.taskId, this.actionType, this.userId);
		}
		if (!StringUtils.hasText(this.messageId) && !StringUtils.hasText(this.instanceId)
				&& !StringUtils.hasText(this.taskId) && !StringUtils.hasText(this.actionContext)) {
			return null;
		}
		return hash("click", this.messageId, this.instanceId, this.taskId, this.actionType, this.userId,
				this.actionContext);
	}

	/**
	 * Returns where the approver clicked: a bot card ({@code message_id} set), the approval center's list
	 * ({@code instance_id} and {@code task_id} set) or the approval center after a search ({@code id} alone, the
	 * task's id). A card click that arrives without its message id and without instance, task or id counts as a card
	 * click.
	 * @return the origin
	 */
	public Origin origin() {
		if (StringUtils.hasText(this.messageId)) {
			return Origin.CARD;
		}
		if (StringUtils.hasText(this.taskId) || StringUtils.hasText(this.instanceId)) {
			return Origin.LIST;
		}
		return StringUtils.hasText(this.id) ? Origin.SEARCH : Origin.CARD;
	}

	/**
	 * Where a quick-approval click came from.
	 */
	public enum Origin {

		/** A bot card's button. */
		CARD,
		/** A task's button in the approval center's list (mobile). */
		LIST,
		/** A task's button in the approval center, reached by a search. */
		SEARCH

	}

	private static String hash(@Nullable String... parts) {
		MessageDigest digest = sha256();
		for (String part : parts) {
			byte[] bytes = (part != null) ? part.getBytes(StandardCharsets.UTF_8) : new byte[0];
			// Length-prefixed, so that no two different tuples hash the same input.
			digest.update(ByteBuffer.allocate(Integer.BYTES).putInt((part != null) ? bytes.length : -1).array());
			digest.update(bytes);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/**
	 * A file attached to the reason.
	 *
	 * @param fileType {@code IMAGE} or {@code ATTACHMENTS}
	 * @param fileSize the size in bytes
	 * @param fileName the file name
	 * @param url where to download it
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Attachment(@JsonProperty("file_type") @Nullable String fileType,
			@JsonProperty("file_size") @Nullable Long fileSize, @JsonProperty("file_name") @Nullable String fileName,
			@JsonProperty("url") @Nullable String url) {

	}

}
