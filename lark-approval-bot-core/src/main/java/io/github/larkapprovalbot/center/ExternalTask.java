package io.github.larkapprovalbot.center;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An instance's tasks as Lark holds them: an element of {@code data.data} of
 * {@code GET /open-apis/approval/v4/external_tasks}.
 *
 * @param instanceId the instance's id
 * @param approvalId Lark's internal id of the definition
 * @param approvalCode the definition's code
 * @param status the instance's status
 * @param updateTime the instance's update time, Unix milliseconds as a string
 * @param tasks its tasks
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExternalTask(@JsonProperty("instance_id") @Nullable String instanceId,
		@JsonProperty("approval_id") @Nullable String approvalId,
		@JsonProperty("approval_code") @Nullable String approvalCode, @JsonProperty("status") @Nullable String status,
		@JsonProperty("update_time") @Nullable String updateTime,
		@JsonProperty("tasks") List<Item> tasks) {

	/**
	 * Creates the record; the tasks are copied (none when {@code null}), so that it cannot change afterwards.
	 *
	 * @param instanceId the instance's id
	 * @param approvalId Lark's internal id of the definition
	 * @param approvalCode the definition's code
	 * @param status the instance's status
	 * @param updateTime the instance's update time, Unix milliseconds as a string
	 * @param tasks its tasks
	 */
	public ExternalTask {
		tasks = (tasks != null) ? List.copyOf(tasks) : List.of();
	}

	/**
	 * One task.
	 *
	 * @param id the task's id
	 * @param status its status
	 * @param updateTime its update time, Unix milliseconds as a string
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Item(@JsonProperty("id") @Nullable String id, @JsonProperty("status") @Nullable String status,
			@JsonProperty("update_time") @Nullable String updateTime) {

	}

}
