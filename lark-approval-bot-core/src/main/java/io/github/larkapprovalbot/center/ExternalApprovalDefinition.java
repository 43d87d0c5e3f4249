package io.github.larkapprovalbot.center;

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
 * A third-party approval definition, as Lark's approval center shows it: the body of
 * {@code POST /open-apis/approval/v4/external_approvals} (an upsert by {@code approval_code}) and what
 * {@code GET /open-apis/approval/v4/external_approvals/:approval_code} returns. Names are {@code @i18n@} keys of
 * {@code i18n_resources}; {@link #builder(String)} takes plain texts and allocates them.
 * <p>
 * Its {@code toString()} hides the callback token and key, which the GET returns in clear.
 *
 * @param approvalName the name's key
 * @param approvalCode the definition's code, the upsert key
 * @param groupCode the group's code (created when new, renamed with {@code group_name})
 * @param groupName the group's name (key), required for a new group
 * @param description the description's key
 * @param external how the application is reached
 * @param viewers who sees the definition, at most 200; required ({@code viewer_type NONE} says nobody)
 * @param i18nResources the texts of the keys
 * @param managers the process admins' ids, at most 200
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@DefinitionRules
public record ExternalApprovalDefinition(@JsonProperty("approval_name") @NotBlank @Nullable String approvalName,
		@JsonProperty("approval_code") @NotBlank @Size(max = 128) @Nullable String approvalCode,
		@JsonProperty("group_code") @NotBlank @Size(max = 128) @Nullable String groupCode,
		@JsonProperty("group_name") @Nullable String groupName,
		@JsonProperty("description") @Nullable String description,
		@JsonProperty("external") @NotNull @Valid @Nullable External external,
		@JsonProperty("viewers") @NotEmpty(message = NO_VIEWERS) @Size(
				max = 200) @Nullable List<@Valid @NotNull Viewer> viewers,
		@JsonProperty("i18n_resources") @NotEmpty @Nullable List<@Valid @NotNull CenterI18nResource> i18nResources,
		@JsonProperty("managers") @Size(max = 200) @Nullable List<@NotBlank String> managers) {

	static final String NO_VIEWERS = "is required: without viewers nobody sees the definition "
			+ "(say so with viewer_type NONE)";

	/**
	 * Creates the record; its lists are copied, so that it cannot change afterwards.
	 *
	 * @param approvalName the name's key
	 * @param approvalCode the definition's code, the upsert key
	 * @param groupCode the group's code (created when new, renamed with {@code group_name})
	 * @param groupName the group's name (key), required for a new group
	 * @param description the description's key
	 * @param external how the application is reached
	 * @param viewers who sees the definition, at most 200; required ({@code viewer_type NONE} says nobody)
	 * @param i18nResources the texts of the keys
	 * @param managers the process admins' ids, at most 200
	 */
	public ExternalApprovalDefinition {
		viewers = (viewers != null) ? List.copyOf(viewers) : null;
		i18nResources = (i18nResources != null) ? List.copyOf(i18nResources) : null;
		managers = (managers != null) ? List.copyOf(managers) : null;
	}

	/**
	 * Starts building a definition from plain texts.
	 * @param approvalCode the definition's code
	 * @return the builder
	 */
	public static ExternalApprovalDefinitionBuilder builder(String approvalCode) {
		return new ExternalApprovalDefinitionBuilder(approvalCode);
	}

	/**
	 * Returns this definition with the quick-approval callback of the approval center's list.
	 * @param url the callback's URL
	 * @param token the token Lark sends back
	 * @param key the key Lark encrypts with, or {@code null}
	 * @return the definition
	 */
	public ExternalApprovalDefinition withCallback(String url, String token, @Nullable String key) {
		External current = (this.external != null) ? this.external
				: new External(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
		External withCallback = new External(current.bizName(), current.bizType(), current.createLinkMobile(),
				current.createLinkPc(), current.supportPc(), current.supportMobile(), current.supportBatchRead(),
				current.enableMarkReaded(), current.enableQuickOperate(), url, token, key, current.allowBatchOperate(),
				current.excludeEfficiencyStatistics());
		return new ExternalApprovalDefinition(this.approvalName, this.approvalCode, this.groupCode, this.groupName,
				this.description, withCallback, this.viewers, this.i18nResources, this.managers);
	}

	/** Every i18n key the definition's fields name, by the JSON path of the field. */
	Map<String, String> i18nKeys() {
		Map<String, String> keys = new LinkedHashMap<>();
		I18nCoverage.put(keys, "approval_name", this.approvalName);
		I18nCoverage.put(keys, "group_name", this.groupName);
		I18nCoverage.put(keys, "description", this.description);
		if (this.external != null) {
			I18nCoverage.put(keys, "external.biz_name", this.external.bizName());
		}
		return keys;
	}

	/**
	 * How the approval center reaches the application.
	 *
	 * @param bizName the "来自…" line's key
	 * @param bizType a free category
	 * @param createLinkMobile where a new instance starts on mobile; the definition is hidden there without one
	 * @param createLinkPc where a new instance starts on desktop; the definition is hidden there without one
	 * @param supportPc whether the definition shows on desktop
	 * @param supportMobile whether it shows on mobile (not both false)
	 * @param supportBatchRead whether CCs can be marked read in batch
	 * @param enableMarkReaded documented as without effect
	 * @param enableQuickOperate documented as without effect
	 * @param actionCallbackUrl where quick-approval clicks in the approval center's list are called back
	 * @param actionCallbackToken the token those callbacks carry
	 * @param actionCallbackKey the key those callbacks are encrypted with
	 * @param allowBatchOperate whether tasks can be approved in batch
	 * @param excludeEfficiencyStatistics whether the definition is left out of efficiency statistics
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record External(@JsonProperty("biz_name") @Nullable String bizName,
			@JsonProperty("biz_type") @Nullable String bizType,
			@JsonProperty("create_link_mobile") @HttpUrl @Nullable String createLinkMobile,
			@JsonProperty("create_link_pc") @HttpUrl @Nullable String createLinkPc,
			@JsonProperty("support_pc") @Nullable Boolean supportPc,
			@JsonProperty("support_mobile") @Nullable Boolean supportMobile,
			@JsonProperty("support_batch_read") @Nullable Boolean supportBatchRead,
			@JsonProperty("enable_mark_readed") @Nullable Boolean enableMarkReaded,
			@JsonProperty("enable_quick_operate") @Nullable Boolean enableQuickOperate,
			@JsonProperty("action_callback_url") @HttpUrl @Nullable String actionCallbackUrl,
			@JsonProperty("action_callback_token") @Nullable String actionCallbackToken,
			@JsonProperty("action_callback_key") @Nullable String actionCallbackKey,
			@JsonProperty("allow_batch_operate") @Nullable Boolean allowBatchOperate,
			@JsonProperty("exclude_efficiency_statistics") @Nullable Boolean excludeEfficiencyStatistics) {

		@Override
		public String toString() {
			return "External[bizName=" + this.bizName + ", bizType=" + this.bizType + ", createLinkMobile="
					+ this.createLinkMobile + ", createLinkPc=" + this.createLinkPc + ", supportPc=" + this.supportPc
					+ ", supportMobile=" + this.supportMobile + ", supportBatchRead=" + this.supportBatchRead
					+ ", actionCallbackUrl=" + this.actionCallbackUrl + ", actionCallbackToken="
					+ hidden(this.actionCallbackToken) + ", actionCallbackKey=" + hidden(this.actionCallbackKey)
					+ ", allowBatchOperate=" + this.allowBatchOperate + ", excludeEfficiencyStatistics="
					+ this.excludeEfficiencyStatistics + "]";
		}

		private static @Nullable String hidden(@Nullable String secret) {
			return (secret != null) ? "******" : null;
		}

	}

	/**
	 * Who sees the definition.
	 *
	 * @param viewerType {@code TENANT}, {@code DEPARTMENT}, {@code USER} or {@code NONE}
	 * @param viewerUserId the user, for {@code USER}
	 * @param viewerDepartmentId the department, for {@code DEPARTMENT}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Viewer(@JsonProperty("viewer_type") @NotNull @Pattern(regexp = "TENANT|DEPARTMENT|USER|NONE",
			message = "must be one of TENANT, DEPARTMENT, USER, NONE") @Nullable String viewerType,
			@JsonProperty("viewer_user_id") @Nullable String viewerUserId,
			@JsonProperty("viewer_department_id") @Nullable String viewerDepartmentId) {

		/** Everyone in the tenant. */
		public static final Viewer TENANT = new Viewer("TENANT", null, null);

		/** Nobody: said on purpose, unlike a definition without viewers. */
		public static final Viewer NONE = new Viewer("NONE", null, null);

		/**
		 * One user.
		 * @param userId the user's id, of the id type {@code define} is given
		 * @return the viewer
		 */
		public static Viewer user(String userId) {
			return new Viewer("USER", userId, null);
		}

		/**
		 * One department.
		 * @param departmentId the department's id, of the id type {@code define} is given
		 * @return the viewer
		 */
		public static Viewer department(String departmentId) {
			return new Viewer("DEPARTMENT", null, departmentId);
		}

	}

}
