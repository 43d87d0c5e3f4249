package io.github.larkapprovalbot.center;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.larkapprovalbot.validation.HttpUrl;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * An instance of a third-party approval with its tasks and CCs, as synced to Lark's approval center: the body of
 * {@code POST /open-apis/approval/v4/external_instances}. Times are Unix milliseconds as strings ({@code end_time} is
 * {@code "0"} while the instance or task is open); {@code title}, {@code user_name}, {@code department_name} and the
 * form's names and values are {@code @i18n@} keys of {@code i18n_resources}. {@link #builder(String, String)} takes
 * plain texts and {@link Instant}s and allocates the keys.
 * <p>
 * {@code update_time} says which state is newer, at every level: it must increase with every change of the instance,
 * of a task or of a CC, or Lark keeps the older state.
 *
 * @param approvalCode the definition's code
 * @param status the instance's status (see {@link InstanceStatus})
 * @param extra a JSON object as a string ({@code business_key}: the document number)
 * @param instanceId the instance's id, unique in the tenant across instances, tasks and CCs
 * @param links where the instance opens
 * @param title the title's key; the definition's name when absent
 * @param form the fields shown in the lists (keys), the first three shown
 * @param userId the initiator's user_id
 * @param userName the initiator's name (key)
 * @param openId the initiator's open_id
 * @param departmentId the initiator's department_id
 * @param departmentName the department's name (key)
 * @param startTime when the instance started
 * @param endTime when it ended, {@code "0"} while open
 * @param updateTime the version of this state
 * @param displayMethod how links open (see {@link DisplayMethod})
 * @param updateMode how Lark applies it (see {@link UpdateMode}); {@link ApprovalCenter#sync} sends {@code UPDATE}
 * when unset
 * @param taskList the approvers' tasks, at most 300
 * @param ccList the CCs, at most 200
 * @param i18nResources the texts of the keys
 * @param trusteeshipUrlToken the token of the hosted (托管) mode's URLs
 * @param trusteeshipUserIdType the user id type of the hosted mode
 * @param trusteeshipUrls the URLs of the hosted mode
 * @param trusteeshipCacheConfig the cache settings of the hosted mode
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@InstanceRules
public record ExternalInstance(@JsonProperty("approval_code") @NotBlank @Nullable String approvalCode,
		@JsonProperty("status") @NotNull @Pattern(regexp = InstanceStatus.PATTERN,
				message = "must be one of " + InstanceStatus.PATTERN) @Nullable String status,
		@JsonProperty("extra") @Nullable String extra,
		@JsonProperty("instance_id") @NotBlank @Nullable String instanceId,
		@JsonProperty("links") @NotNull @Valid @Nullable Links links, @JsonProperty("title") @Nullable String title,
		@JsonProperty("form") @Nullable List<@Valid @NotNull FormField> form,
		@JsonProperty("user_id") @Nullable String userId, @JsonProperty("user_name") @Nullable String userName,
		@JsonProperty("open_id") @Nullable String openId, @JsonProperty("department_id") @Nullable String departmentId,
		@JsonProperty("department_name") @Nullable String departmentName,
		@JsonProperty("start_time") @NotNull @Pattern(regexp = MILLIS, message = MILLIS_RULE) @Nullable String startTime,
		@JsonProperty("end_time") @NotNull @Pattern(regexp = MILLIS, message = MILLIS_RULE) @Nullable String endTime,
		@JsonProperty("update_time") @NotNull @Pattern(regexp = MILLIS,
				message = MILLIS_RULE) @Nullable String updateTime,
		@JsonProperty("display_method") @Pattern(regexp = DisplayMethod.PATTERN,
				message = "must be one of " + DisplayMethod.PATTERN) @Nullable String displayMethod,
		@JsonProperty("update_mode") @Pattern(regexp = UpdateMode.PATTERN,
				message = "must be one of " + UpdateMode.PATTERN) @Nullable String updateMode,
		@JsonProperty("task_list") @Size(max = MAX_TASKS) @Nullable List<@Valid @NotNull Task> taskList,
		@JsonProperty("cc_list") @Size(max = MAX_CCS) @Nullable List<@Valid @NotNull Cc> ccList,
		@JsonProperty("i18n_resources") @NotEmpty @Nullable List<@Valid @NotNull CenterI18nResource> i18nResources,
		@JsonProperty("trusteeship_url_token") @Nullable String trusteeshipUrlToken,
		@JsonProperty("trusteeship_user_id_type") @Nullable String trusteeshipUserIdType,
		@JsonProperty("trusteeship_urls") @Nullable TrusteeshipUrls trusteeshipUrls,
		@JsonProperty("trusteeship_cache_config") @Nullable TrusteeshipCacheConfig trusteeshipCacheConfig) {

	/** Unix milliseconds as a string. */
	static final String MILLIS = "0|[1-9][0-9]{0,18}";

	static final String MILLIS_RULE = "must be Unix milliseconds as a string, \"0\" for none";

	/** The most tasks an instance may carry. */
	public static final int MAX_TASKS = 300;

	/** The most CCs an instance may carry. */
	public static final int MAX_CCS = 200;

	/** The longest form, in characters of its JSON. */
	public static final int MAX_FORM_LENGTH = 2048;

	/**
	 * Creates the record; its lists are copied, so that it cannot change afterwards.
	 *
	 * @param approvalCode the definition's code
	 * @param status the instance's status (see {@link InstanceStatus})
	 * @param extra a JSON object as a string ({@code business_key}: the document number)
	 * @param instanceId the instance's id, unique in the tenant across instances, tasks and CCs
	 * @param links where the instance opens
	 * @param title the title's key; the definition's name when absent
	 * @param form the fields shown in the lists (keys), the first three shown
	 * @param userId the initiator's user_id
	 * @param userName the initiator's name (key)
	 * @param openId the initiator's open_id
	 * @param departmentId the initiator's department_id
	 * @param departmentName the department's name (key)
	 * @param startTime when the instance started
	 * @param endTime when it ended, {@code "0"} while open
	 * @param updateTime the version of this state
	 * @param displayMethod how links open (see {@link DisplayMethod})
	 * @param updateMode how Lark applies it (see {@link UpdateMode}); {@link ApprovalCenter#sync} sends {@code UPDATE}
	 * when unset
	 * @param taskList the approvers' tasks, at most 300
	 * @param ccList the CCs, at most 200
	 * @param i18nResources the texts of the keys
	 * @param trusteeshipUrlToken the token of the hosted (托管) mode's URLs
	 * @param trusteeshipUserIdType the user id type of the hosted mode
	 * @param trusteeshipUrls the URLs of the hosted mode
	 * @param trusteeshipCacheConfig the cache settings of the hosted mode
	 */
	public ExternalInstance {
		form = (form != null) ? List.copyOf(form) : null;
		taskList = (taskList != null) ? List.copyOf(taskList) : null;
		ccList = (ccList != null) ? List.copyOf(ccList) : null;
		i18nResources = (i18nResources != null) ? List.copyOf(i18nResources) : null;
	}

	/**
	 * Starts building an instance from plain texts.
	 * @param approvalCode the definition's code
	 * @param instanceId the instance's id, unique in the tenant across instances, tasks and CCs
	 * @return the builder
	 */
	public static ExternalInstanceBuilder builder(String approvalCode, String instanceId) {
		return new ExternalInstanceBuilder(approvalCode, instanceId);
	}

	/**
	 * Returns this instance with another update mode.
	 * @param mode the mode
	 * @return the instance
	 */
	public ExternalInstance withUpdateMode(UpdateMode mode) {
		return new ExternalInstance(this.approvalCode, this.status, this.extra, this.instanceId, this.links,
				this.title, this.form, this.userId, this.userName, this.openId, this.departmentId, this.departmentName,
				this.startTime, this.endTime, this.updateTime, this.displayMethod, mode.name(), this.taskList,
				this.ccList, this.i18nResources, this.trusteeshipUrlToken, this.trusteeshipUserIdType,
				this.trusteeshipUrls, this.trusteeshipCacheConfig);
	}

	/**
	 * Returns what the center's {@code check} compares: the instance's and its tasks' update times. A task without an
	 * update time (possible with REPLACE) is compared through its instance only: Lark holds no time to compare.
	 * @return the versions
	 */
	public InstanceVersion version() {
		List<InstanceVersion.TaskVersion> tasks = new ArrayList<>();
		for (Task task : tasks()) {
			if (task.updateTime() != null) {
				tasks.add(new InstanceVersion.TaskVersion(task.taskId(), task.updateTime()));
			}
		}
		return new InstanceVersion(this.instanceId, this.updateTime, tasks);
	}

	/** The tasks, none when absent. */
	List<Task> tasks() {
		return (this.taskList != null) ? this.taskList : List.of();
	}

	/** The CCs, none when absent. */
	List<Cc> ccs() {
		return (this.ccList != null) ? this.ccList : List.of();
	}

	/** Every i18n key the instance's fields name, by the JSON path of the field. */
	Map<String, String> i18nKeys() {
		Map<String, String> keys = new LinkedHashMap<>();
		I18nCoverage.put(keys, "title", this.title);
		I18nCoverage.put(keys, "user_name", this.userName);
		I18nCoverage.putIfKey(keys, "department_name", this.departmentName);
		List<FormField> fields = (this.form != null) ? this.form : List.of();
		for (int i = 0; i < fields.size(); i++) {
			I18nCoverage.put(keys, "form[" + i + "].name", fields.get(i).name());
			I18nCoverage.put(keys, "form[" + i + "].value", fields.get(i).value());
		}
		List<Task> tasks = tasks();
		for (int i = 0; i < tasks.size(); i++) {
			Task task = tasks.get(i);
			I18nCoverage.putIfKey(keys, "task_list[" + i + "].title", task.title());
			I18nCoverage.putIfKey(keys, "task_list[" + i + "].node_name", task.nodeName());
			List<ActionConfig> actions = (task.actionConfigs() != null) ? task.actionConfigs() : List.of();
			for (int j = 0; j < actions.size(); j++) {
				I18nCoverage.put(keys, "task_list[" + i + "].action_configs[" + j + "].action_name",
						actions.get(j).actionName());
			}
		}
		List<Cc> ccs = ccs();
		for (int i = 0; i < ccs.size(); i++) {
			I18nCoverage.putIfKey(keys, "cc_list[" + i + "].title", ccs.get(i).title());
		}
		return keys;
	}

	/**
	 * Where an instance, a task or a CC opens.
	 *
	 * @param pcLink the desktop link
	 * @param mobileLink the mobile link; the desktop one when absent
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Links(@JsonProperty("pc_link") @NotBlank @HttpUrl @Nullable String pcLink,
			@JsonProperty("mobile_link") @HttpUrl @Nullable String mobileLink) {

	}

	/**
	 * A form field shown in the lists.
	 *
	 * @param name the field name's key
	 * @param value the value's key
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record FormField(@JsonProperty("name") @Nullable String name, @JsonProperty("value") @Nullable String value) {

	}

	/**
	 * An approver's task: in their 待办 list while {@code PENDING}, in 已办 once decided.
	 *
	 * @param taskId the task's id, unique in the tenant across instances, tasks and CCs
	 * @param userId the approver's user_id
	 * @param openId the approver's open_id
	 * @param title the title's key
	 * @param links where the task opens
	 * @param status the task's status (see {@link TaskStatus})
	 * @param extra a JSON object as a string ({@code complete_reason}: approved, rejected, forward, ...)
	 * @param createTime when the task was created
	 * @param endTime when it ended, {@code "0"} while open
	 * @param updateTime the version of this state
	 * @param actionContext what the quick-approval callback echoes
	 * @param actionConfigs the quick-approval buttons, at most 2
	 * @param displayMethod how links open
	 * @param excludeStatistics whether the task is left out of efficiency statistics
	 * @param nodeId the workflow node's id
	 * @param nodeName the node's name (key)
	 * @param generateType {@code EXTERNAL_CONSIGN} for a proxy's task or {@code DEFAULT}; never empty
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@PersonRequired(who = "approver")
	public record Task(@JsonProperty("task_id") @NotBlank @Nullable String taskId,
			@JsonProperty("user_id") @Nullable String userId, @JsonProperty("open_id") @Nullable String openId,
			@JsonProperty("title") @Nullable String title, @JsonProperty("links") @NotNull @Valid @Nullable Links links,
			@JsonProperty("status") @NotNull @Pattern(regexp = TaskStatus.PATTERN,
					message = "must be one of " + TaskStatus.PATTERN) @Nullable String status,
			@JsonProperty("extra") @Nullable String extra,
			@JsonProperty("create_time") @NotNull @Pattern(regexp = MILLIS,
					message = MILLIS_RULE) @Nullable String createTime,
			@JsonProperty("end_time") @NotNull @Pattern(regexp = MILLIS, message = MILLIS_RULE) @Nullable String endTime,
			@JsonProperty("update_time") @Pattern(regexp = MILLIS, message = MILLIS_RULE) @Nullable String updateTime,
			@JsonProperty("action_context") @Nullable String actionContext,
			@JsonProperty("action_configs") @Size(max = 2,
					message = "must hold at most 2 actions") @Nullable List<@Valid @NotNull ActionConfig> actionConfigs,
			@JsonProperty("display_method") @Pattern(regexp = DisplayMethod.PATTERN,
					message = "must be one of " + DisplayMethod.PATTERN) @Nullable String displayMethod,
			@JsonProperty("exclude_statistics") @Nullable Boolean excludeStatistics,
			@JsonProperty("node_id") @Nullable String nodeId, @JsonProperty("node_name") @Nullable String nodeName,
			@JsonProperty("generate_type") @Pattern(regexp = "EXTERNAL_CONSIGN|DEFAULT",
					message = "must be EXTERNAL_CONSIGN or DEFAULT (leave it out rather than empty)") @Nullable String generateType)
			implements PersonRequired.Person {

		/**
		 * Creates the record; its lists are copied, so that it cannot change afterwards.
		 *
		 * @param taskId the task's id, unique in the tenant across instances, tasks and CCs
		 * @param userId the approver's user_id
		 * @param openId the approver's open_id
		 * @param title the title's key
		 * @param links where the task opens
		 * @param status the task's status (see {@link TaskStatus})
		 * @param extra a JSON object as a string ({@code complete_reason}: approved, rejected, forward, ...)
		 * @param createTime when the task was created
		 * @param endTime when it ended, {@code "0"} while open
		 * @param updateTime the version of this state
		 * @param actionContext what the quick-approval callback echoes
		 * @param actionConfigs the quick-approval buttons, at most 2
		 * @param displayMethod how links open
		 * @param excludeStatistics whether the task is left out of efficiency statistics
		 * @param nodeId the workflow node's id
		 * @param nodeName the node's name (key)
		 * @param generateType {@code EXTERNAL_CONSIGN} for a proxy's task or {@code DEFAULT}; never empty
		 */
		public Task {
			actionConfigs = (actionConfigs != null) ? List.copyOf(actionConfigs) : null;
		}

		/**
		 * Starts building a task from plain texts, for {@link ExternalInstanceBuilder#task}.
		 * @param taskId the task's id, unique in the tenant across instances, tasks and CCs
		 * @return the builder
		 */
		public static ExternalInstanceBuilder.TaskBuilder builder(String taskId) {
			return new ExternalInstanceBuilder.TaskBuilder(taskId);
		}

	}

	/**
	 * A quick-approval button of a task (on mobile).
	 *
	 * @param actionType {@code APPROVE}, {@code REJECT} or a custom key
	 * @param actionName the button's text (key), required for a custom key
	 * @param isNeedReason whether the approver may give a reason
	 * @param isReasonRequired whether the reason is required
	 * @param isNeedAttachment whether the approver may attach files
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@CustomActionNamed
	public record ActionConfig(@JsonProperty("action_type") @NotBlank @Nullable String actionType,
			@JsonProperty("action_name") @Nullable String actionName,
			@JsonProperty("is_need_reason") @Nullable Boolean isNeedReason,
			@JsonProperty("is_reason_required") @Nullable Boolean isReasonRequired,
			@JsonProperty("is_need_attachment") @Nullable Boolean isNeedAttachment) {

		/** The built-in approve action. */
		public static final String APPROVE = "APPROVE";

		/** The built-in reject action. */
		public static final String REJECT = "REJECT";

		/**
		 * Returns whether this is one of Lark's built-in actions, which need no name.
		 * @return whether the type is APPROVE or REJECT
		 */
		boolean isBuiltIn() {
			return APPROVE.equals(this.actionType) || REJECT.equals(this.actionType);
		}

	}

	/**
	 * A CC: in the person's 抄送我 list.
	 *
	 * @param ccId the CC's id, unique in the tenant across instances, tasks and CCs
	 * @param userId the person's user_id
	 * @param openId the person's open_id
	 * @param links where the CC opens
	 * @param readStatus {@code READ} or {@code UNREAD}
	 * @param extra a JSON object as a string
	 * @param title the title's key
	 * @param createTime when the CC was created
	 * @param updateTime the version of this state
	 * @param displayMethod how links open
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@PersonRequired(who = "CC")
	public record Cc(@JsonProperty("cc_id") @NotBlank @Nullable String ccId,
			@JsonProperty("user_id") @Nullable String userId, @JsonProperty("open_id") @Nullable String openId,
			@JsonProperty("links") @NotNull @Valid @Nullable Links links,
			@JsonProperty("read_status") @NotNull @Pattern(regexp = "READ|UNREAD",
					message = "must be READ or UNREAD") @Nullable String readStatus,
			@JsonProperty("extra") @Nullable String extra, @JsonProperty("title") @Nullable String title,
			@JsonProperty("create_time") @NotNull @Pattern(regexp = MILLIS,
					message = MILLIS_RULE) @Nullable String createTime,
			@JsonProperty("update_time") @NotNull @Pattern(regexp = MILLIS,
					message = MILLIS_RULE) @Nullable String updateTime,
			@JsonProperty("display_method") @Pattern(regexp = DisplayMethod.PATTERN,
					message = "must be one of " + DisplayMethod.PATTERN) @Nullable String displayMethod)
			implements PersonRequired.Person {

		/**
		 * Starts building a CC from plain texts, for {@link ExternalInstanceBuilder#cc}.
		 * @param ccId the CC's id, unique in the tenant across instances, tasks and CCs
		 * @return the builder
		 */
		public static ExternalInstanceBuilder.CcBuilder builder(String ccId) {
			return new ExternalInstanceBuilder.CcBuilder(ccId);
		}

	}

	/**
	 * The URLs of the hosted (托管) mode.
	 *
	 * @param formDetailUrl the form's details
	 * @param actionDefinitionUrl the actions' definitions
	 * @param approvalNodeUrl the approval nodes
	 * @param actionCallbackUrl the actions' callback
	 * @param pullBusinessDataUrl the business data
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record TrusteeshipUrls(@JsonProperty("form_detail_url") @Nullable String formDetailUrl,
			@JsonProperty("action_definition_url") @Nullable String actionDefinitionUrl,
			@JsonProperty("approval_node_url") @Nullable String approvalNodeUrl,
			@JsonProperty("action_callback_url") @Nullable String actionCallbackUrl,
			@JsonProperty("pull_business_data_url") @Nullable String pullBusinessDataUrl) {

	}

	/**
	 * The cache settings of the hosted (托管) mode.
	 *
	 * @param formPolicy {@code DISABLE}, {@code IMMUTABLE}, {@code BY_NODE} or {@code BY_USER}
	 * @param formVaryWithLocale whether the form differs per locale
	 * @param formVersion the form's version
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record TrusteeshipCacheConfig(@JsonProperty("form_policy") @Nullable String formPolicy,
			@JsonProperty("form_vary_with_locale") @Nullable Boolean formVaryWithLocale,
			@JsonProperty("form_version") @Nullable String formVersion) {

	}

	/** The one place that turns an {@link Instant} into the wire's milliseconds. */
	static String millis(@Nullable Instant time) {
		return (time != null) ? Long.toString(time.toEpochMilli()) : "0";
	}

	/** Reads the wire's milliseconds, 0 for none. */
	static long millis(@Nullable String time) {
		try {
			return (time != null) ? Long.parseLong(time) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
