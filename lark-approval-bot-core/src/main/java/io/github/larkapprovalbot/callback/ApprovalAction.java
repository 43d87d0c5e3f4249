package io.github.larkapprovalbot.callback;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A quick-approval callback: who clicked which button on which card.
 *
 * @param actionType {@code APPROVE}, {@code REJECT} or the card's custom action type
 * @param actionContext the {@code action_context} the card was sent with
 * @param userId the operator's user_id
 * @param approvalCode the approval definition code
 * @param instanceId the approval instance id
 * @param taskId the task id
 * @param messageId the approval bot message id (Lark sends an int64; it may be empty for some cards)
 * @param id the callback id
 * @param reason the reason the approver typed, if the button asks for one
 * @param attachments files attached to the reason
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties({ "token" })
public record ApprovalAction(@JsonProperty("action_type") @Nullable String actionType,
		@JsonProperty("action_context") @Nullable String actionContext,
		@JsonProperty("user_id") @Nullable String userId, @JsonProperty("approval_code") @Nullable String approvalCode,
		@JsonProperty("instance_id") @Nullable String instanceId, @JsonProperty("task_id") @Nullable String taskId,
		@JsonProperty("message_id") @Nullable String messageId, @JsonProperty("id") @Nullable String id,
		@JsonProperty("reason") @Nullable String reason,
		@JsonProperty("attachments") @Nullable List<Attachment> attachments) {

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
