package io.github.larkapprovalbot.center;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The versions of an instance and its tasks, as {@code POST /open-apis/approval/v4/external_instances/check} compares
 * them: an element of the request's {@code instances} (what the application holds) and of the answer's
 * {@code diff_instances} (what Lark holds, where it differs; an instance Lark lacks comes back with
 * {@code update_time "0"}).
 *
 * @param instanceId the instance's id
 * @param updateTime the instance's update time, Unix milliseconds as a string
 * @param tasks the tasks' update times (none when absent)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceVersion(@JsonProperty("instance_id") @NotBlank @Nullable String instanceId,
		@JsonProperty("update_time") @NotNull @Pattern(regexp = ExternalInstance.MILLIS,
				message = ExternalInstance.MILLIS_RULE) @Nullable String updateTime,
		@JsonProperty("tasks") List<@Valid @NotNull TaskVersion> tasks) {

	/**
	 * Creates the record; the tasks are copied (none when {@code null}), so that it cannot change afterwards.
	 *
	 * @param instanceId the instance's id
	 * @param updateTime the instance's update time, Unix milliseconds as a string
	 * @param tasks the tasks' update times (none when absent)
	 */
	public InstanceVersion {
		tasks = (tasks != null) ? List.copyOf(tasks) : List.of();
	}

	/**
	 * Returns the instance's update time.
	 * @return Unix milliseconds, 0 when Lark lacks the instance
	 */
	public long updateTimeMillis() {
		return ExternalInstance.millis(this.updateTime);
	}

	/**
	 * The version of a task.
	 *
	 * @param taskId the task's id
	 * @param updateTime the task's update time, Unix milliseconds as a string
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record TaskVersion(@JsonProperty("task_id") @NotBlank @Nullable String taskId,
			@JsonProperty("update_time") @NotNull @Pattern(regexp = ExternalInstance.MILLIS,
					message = ExternalInstance.MILLIS_RULE) @Nullable String updateTime) {

	}

}
