package io.github.larkapprovalbot.center;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link ExternalApprovalDefinition} from plain texts, allocating the {@code @i18n@} keys and
 * {@code i18n_resources}. The result is not validated here; {@link ApprovalCenter#define} validates before it sends.
 * A definition without a callback gets the app's from {@code define}.
 */
public final class ExternalApprovalDefinitionBuilder {

	private final String approvalCode;

	private CenterLocale defaultLocale = ExternalInstanceBuilder.DEFAULT_LOCALE;

	private @Nullable CenterText name;

	private @Nullable String groupCode;

	private @Nullable CenterText groupName;

	private @Nullable CenterText description;

	private @Nullable CenterText bizName;

	private @Nullable String bizType;

	private @Nullable String createLinkPc;

	private @Nullable String createLinkMobile;

	private @Nullable Boolean supportPc;

	private @Nullable Boolean supportMobile;

	private @Nullable Boolean supportBatchRead;

	private @Nullable Boolean allowBatchOperate;

	private @Nullable Boolean excludeEfficiencyStatistics;

	private @Nullable String callbackUrl;

	private @Nullable String callbackToken;

	private @Nullable String callbackKey;

	private final List<ExternalApprovalDefinition.Viewer> viewers = new ArrayList<>();

	private final List<String> managers = new ArrayList<>();

	ExternalApprovalDefinitionBuilder(String approvalCode) {
		this.approvalCode = Objects.requireNonNull(approvalCode, "approvalCode must not be null");
	}

	/**
	 * Sets the locale whose resource holds every key ({@code zh-CN} by default).
	 * @param locale the default locale
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder defaultLocale(CenterLocale locale) {
		this.defaultLocale = Objects.requireNonNull(locale, "locale must not be null");
		return this;
	}

	/**
	 * Sets the definition's name, the same text in every locale.
	 * @param name the name
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder name(String name) {
		return name(CenterText.of(name));
	}

	/**
	 * Sets the definition's name.
	 * @param name the name, per locale
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder name(CenterText name) {
		this.name = name;
		return this;
	}

	/**
	 * Puts the definition in a group, created when new and renamed when the name differs.
	 * @param groupCode the group's code
	 * @param groupName the group's name, required for a new group
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder group(String groupCode, @Nullable CenterText groupName) {
		this.groupCode = groupCode;
		this.groupName = groupName;
		return this;
	}

	/**
	 * Sets the definition's description.
	 * @param description the description, per locale
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder description(CenterText description) {
		this.description = description;
		return this;
	}

	/**
	 * Sets the "来自…" line: the application's name, without "来自".
	 * @param bizName the name
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder bizName(CenterText bizName) {
		this.bizName = bizName;
		return this;
	}

	/**
	 * Sets the business type ({@code biz_type}), the application's own category of the definition.
	 * @param bizType the type
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder bizType(String bizType) {
		this.bizType = bizType;
		return this;
	}

	/**
	 * Sets where a new instance starts; a platform without a link does not show the definition.
	 * @param pcLink the desktop link, or {@code null}
	 * @param mobileLink the mobile link, or {@code null}
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder createLinks(@Nullable String pcLink, @Nullable String mobileLink) {
		this.createLinkPc = pcLink;
		this.createLinkMobile = mobileLink;
		this.supportPc = pcLink != null;
		this.supportMobile = mobileLink != null;
		return this;
	}

	/**
	 * Sets whether the definition's CCs can be marked read in batches ({@code support_batch_read}).
	 * @param support whether batch reading is supported
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder supportBatchRead(boolean support) {
		this.supportBatchRead = support;
		return this;
	}

	/**
	 * Sets whether the definition's tasks can be approved or rejected in batches ({@code allow_batch_operate}).
	 * @param allow whether batch operation is allowed
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder allowBatchOperate(boolean allow) {
		this.allowBatchOperate = allow;
		return this;
	}

	/**
	 * Sets whether the definition is left out of Lark's approval efficiency statistics ({@code exclude_efficiency_statistics}).
	 * @param exclude whether to leave it out
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder excludeEfficiencyStatistics(boolean exclude) {
		this.excludeEfficiencyStatistics = exclude;
		return this;
	}

	/**
	 * Sets where quick-approval clicks in the approval center's list are called back; left unset,
	 * {@link ApprovalCenter#define} takes the app's callback endpoint.
	 * @param url the callback's URL
	 * @param token the token Lark sends back
	 * @param key the key Lark encrypts with, or {@code null}
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder callback(String url, String token, @Nullable String key) {
		this.callbackUrl = url;
		this.callbackToken = token;
		this.callbackKey = key;
		return this;
	}

	/**
	 * Adds who sees the definition; a definition needs at least one ({@link ExternalApprovalDefinition.Viewer#NONE}
	 * says nobody).
	 * @param viewer the viewer
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder viewer(ExternalApprovalDefinition.Viewer viewer) {
		this.viewers.add(Objects.requireNonNull(viewer, "viewer must not be null"));
		return this;
	}

	/**
	 * Adds a process admin.
	 * @param userId the admin's id, of the id type {@code define} is given
	 * @return this builder
	 */
	public ExternalApprovalDefinitionBuilder manager(String userId) {
		this.managers.add(Objects.requireNonNull(userId, "userId must not be null"));
		return this;
	}

	/**
	 * Builds the wire payload, allocating {@code @i18n@} keys in field order.
	 * @return the definition
	 * @throws IllegalArgumentException when a text has no value in the default locale
	 */
	public ExternalApprovalDefinition build() {
		CenterI18nKeys keys = new CenterI18nKeys(this.defaultLocale);
		String nameKey = keys.key("approval_name", this.name);
		String groupNameKey = keys.key("group_name", this.groupName);
		String descriptionKey = keys.key("description", this.description);
		ExternalApprovalDefinition.External external = new ExternalApprovalDefinition.External(
				keys.key("external.biz_name", this.bizName), this.bizType, this.createLinkMobile, this.createLinkPc,
				this.supportPc, this.supportMobile, this.supportBatchRead, null, null, this.callbackUrl,
				this.callbackToken, this.callbackKey, this.allowBatchOperate, this.excludeEfficiencyStatistics);
		return new ExternalApprovalDefinition(nameKey, this.approvalCode, this.groupCode, groupNameKey, descriptionKey,
				external, this.viewers.isEmpty() ? null : this.viewers, keys.resources(),
				this.managers.isEmpty() ? null : this.managers);
	}

}
