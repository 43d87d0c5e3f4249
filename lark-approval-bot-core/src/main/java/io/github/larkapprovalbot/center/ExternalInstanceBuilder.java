package io.github.larkapprovalbot.center;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link ExternalInstance} from plain texts and {@link Instant}s: every text-bearing field takes a
 * {@link CenterText} (or a string for every locale), and {@link #build()} allocates the {@code @i18n@} keys of the
 * instance, its tasks and its CCs and collects {@code i18n_resources}. The result is not validated here; the approval
 * center validates before it syncs.
 */
public final class ExternalInstanceBuilder {

	/** The locale whose resource holds every key unless {@link #defaultLocale} says otherwise. */
	public static final CenterLocale DEFAULT_LOCALE = CenterLocale.ZH_CN;

	private final String approvalCode;

	private final String instanceId;

	private CenterLocale defaultLocale = DEFAULT_LOCALE;

	private InstanceStatus status = InstanceStatus.PENDING;

	private @Nullable String extra;

	private @Nullable String pcLink;

	private @Nullable String mobileLink;

	private @Nullable CenterText title;

	private final List<CenterText[]> form = new ArrayList<>();

	private @Nullable String userId;

	private @Nullable String openId;

	private @Nullable CenterText userName;

	private @Nullable String departmentId;

	private @Nullable CenterText departmentName;

	private @Nullable Instant startTime;

	private @Nullable Instant endTime;

	private @Nullable Instant updateTime;

	private @Nullable DisplayMethod displayMethod;

	private @Nullable UpdateMode updateMode;

	private final List<TaskBuilder> tasks = new ArrayList<>();

	private final List<CcBuilder> ccs = new ArrayList<>();

	ExternalInstanceBuilder(String approvalCode, String instanceId) {
		this.approvalCode = Objects.requireNonNull(approvalCode, "approvalCode must not be null");
		this.instanceId = Objects.requireNonNull(instanceId, "instanceId must not be null");
	}

	/**
	 * Sets the locale whose resource holds every key ({@link #DEFAULT_LOCALE} by default).
	 * @param locale the default locale
	 * @return this builder
	 */
	public ExternalInstanceBuilder defaultLocale(CenterLocale locale) {
		this.defaultLocale = Objects.requireNonNull(locale, "locale must not be null");
		return this;
	}

	/**
	 * Sets the status ({@code PENDING} by default).
	 * @param status the status
	 * @return this builder
	 */
	public ExternalInstanceBuilder status(InstanceStatus status) {
		this.status = Objects.requireNonNull(status, "status must not be null");
		return this;
	}

	/**
	 * Sets the extra data, a JSON object as a string ({@code {"business_key": "..."}}: the document number).
	 * @param extra the JSON
	 * @return this builder
	 */
	public ExternalInstanceBuilder extra(String extra) {
		this.extra = extra;
		return this;
	}

	/**
	 * Sets where the instance opens, the same link on every platform.
	 * @param link the absolute http(s) URL
	 * @return this builder
	 */
	public ExternalInstanceBuilder link(String link) {
		return links(link, link);
	}

	/**
	 * Sets where the instance opens.
	 * @param pcLink the desktop link
	 * @param mobileLink the mobile link, or {@code null} for the desktop one
	 * @return this builder
	 */
	public ExternalInstanceBuilder links(String pcLink, @Nullable String mobileLink) {
		this.pcLink = pcLink;
		this.mobileLink = mobileLink;
		return this;
	}

	/**
	 * Sets the instance's title, the same text in every locale.
	 * @param title the title
	 * @return this builder
	 */
	public ExternalInstanceBuilder title(String title) {
		return title(CenterText.of(title));
	}

	/**
	 * Sets the instance's title.
	 * @param title the title, per locale
	 * @return this builder
	 */
	public ExternalInstanceBuilder title(CenterText title) {
		this.title = title;
		return this;
	}

	/**
	 * Adds a form field, the same texts in every locale; the lists show the first three.
	 * @param name the field's name
	 * @param value its value
	 * @return this builder
	 */
	public ExternalInstanceBuilder formField(String name, String value) {
		return formField(CenterText.of(name), CenterText.of(value));
	}

	/**
	 * Adds a form field; the lists show the first three.
	 * @param name the field's name
	 * @param value its value
	 * @return this builder
	 */
	public ExternalInstanceBuilder formField(CenterText name, CenterText value) {
		this.form.add(new CenterText[] { name, value });
		return this;
	}

	/**
	 * Sets the initiator by user_id.
	 * @param userId the initiator's user_id
	 * @return this builder
	 */
	public ExternalInstanceBuilder initiatorUserId(String userId) {
		this.userId = userId;
		return this;
	}

	/**
	 * Sets the initiator by open_id.
	 * @param openId the initiator's open_id
	 * @return this builder
	 */
	public ExternalInstanceBuilder initiatorOpenId(String openId) {
		this.openId = openId;
		return this;
	}

	/**
	 * Sets the initiator's name, the same text in every locale.
	 * @param name the name
	 * @return this builder
	 */
	public ExternalInstanceBuilder initiatorName(String name) {
		return initiatorName(CenterText.of(name));
	}

	/**
	 * Sets the initiator's name.
	 * @param name the name, per locale
	 * @return this builder
	 */
	public ExternalInstanceBuilder initiatorName(CenterText name) {
		this.userName = name;
		return this;
	}

	/**
	 * Sets the initiator's department.
	 * @param departmentId the department_id ({@code ""} shows the tenant's name)
	 * @param name the department's name, or {@code null}
	 * @return this builder
	 */
	public ExternalInstanceBuilder department(String departmentId, @Nullable CenterText name) {
		this.departmentId = departmentId;
		this.departmentName = name;
		return this;
	}

	/**
	 * Sets when the instance started.
	 * @param time the start
	 * @return this builder
	 */
	public ExternalInstanceBuilder startTime(Instant time) {
		this.startTime = time;
		return this;
	}

	/**
	 * Sets when the instance ended; unset while it is open.
	 * @param time the end
	 * @return this builder
	 */
	public ExternalInstanceBuilder endTime(@Nullable Instant time) {
		this.endTime = time;
		return this;
	}

	/**
	 * Sets the version of this state: it must increase with every change, or Lark keeps the older state.
	 * @param time the update time, for example the row's last-modified time
	 * @return this builder
	 */
	public ExternalInstanceBuilder updateTime(Instant time) {
		this.updateTime = time;
		return this;
	}

	/**
	 * Sets how Lark opens the instance's links.
	 * @param method the display method
	 * @return this builder
	 */
	public ExternalInstanceBuilder displayMethod(DisplayMethod method) {
		this.displayMethod = method;
		return this;
	}

	/**
	 * Sets how Lark applies the instance; {@link ApprovalCenter#sync} sends {@link UpdateMode#UPDATE} when unset.
	 * @param mode the mode
	 * @return this builder
	 */
	public ExternalInstanceBuilder updateMode(UpdateMode mode) {
		this.updateMode = mode;
		return this;
	}

	/**
	 * Adds an approver's task.
	 * @param task the task, from {@link ExternalInstance.Task#builder(String)}
	 * @return this builder
	 */
	public ExternalInstanceBuilder task(TaskBuilder task) {
		this.tasks.add(Objects.requireNonNull(task, "task must not be null"));
		return this;
	}

	/**
	 * Adds a CC.
	 * @param cc the CC, from {@link ExternalInstance.Cc#builder(String)}
	 * @return this builder
	 */
	public ExternalInstanceBuilder cc(CcBuilder cc) {
		this.ccs.add(Objects.requireNonNull(cc, "cc must not be null"));
		return this;
	}

	/**
	 * Builds the wire payload, allocating {@code @i18n@} keys in field order.
	 * @return the instance
	 * @throws IllegalArgumentException when a text has no value in the default locale
	 */
	public ExternalInstance build() {
		CenterI18nKeys keys = new CenterI18nKeys(this.defaultLocale);
		String titleKey = keys.key("title", this.title);
		List<ExternalInstance.FormField> fields = new ArrayList<>();
		for (int i = 0; i < this.form.size(); i++) {
			CenterText[] field = this.form.get(i);
			fields.add(new ExternalInstance.FormField(keys.key("form[" + i + "].name", field[0]),
					keys.key("form[" + i + "].value", field[1])));
		}
		String userNameKey = keys.key("user_name", this.userName);
		String departmentNameKey = keys.key("department_name", this.departmentName);
		List<ExternalInstance.Task> taskList = new ArrayList<>();
		for (int i = 0; i < this.tasks.size(); i++) {
			taskList.add(this.tasks.get(i).build(keys, "task_list[" + i + "]"));
		}
		List<ExternalInstance.Cc> ccList = new ArrayList<>();
		for (int i = 0; i < this.ccs.size(); i++) {
			ccList.add(this.ccs.get(i).build(keys, "cc_list[" + i + "]"));
		}
		return new ExternalInstance(this.approvalCode, this.status.name(), this.extra, this.instanceId,
				linksOf(this.pcLink, this.mobileLink), titleKey, fields.isEmpty() ? null : fields, this.userId, userNameKey,
				this.openId, this.departmentId, departmentNameKey, time(this.startTime), ExternalInstance.millis(this.endTime),
				time(this.updateTime), name(this.displayMethod), name(this.updateMode), taskList.isEmpty() ? null : taskList,
				ccList.isEmpty() ? null : ccList, keys.resources(), null, null, null, null);
	}

	private static ExternalInstance.@Nullable Links linksOf(@Nullable String pcLink, @Nullable String mobileLink) {
		return (pcLink != null) ? new ExternalInstance.Links(pcLink, mobileLink) : null;
	}

	/** A required time left unset stays unset, for the rules to name. */
	private static @Nullable String time(@Nullable Instant time) {
		return (time != null) ? ExternalInstance.millis(time) : null;
	}

	private static @Nullable String name(@Nullable Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

	/**
	 * Builds an approver's task from plain texts; its keys are allocated with the instance's.
	 */
	public static final class TaskBuilder {

		private final String taskId;

		private @Nullable String userId;

		private @Nullable String openId;

		private @Nullable CenterText title;

		private @Nullable String pcLink;

		private @Nullable String mobileLink;

		private TaskStatus status = TaskStatus.PENDING;

		private @Nullable String extra;

		private @Nullable Instant createTime;

		private @Nullable Instant endTime;

		private @Nullable Instant updateTime;

		private @Nullable String actionContext;

		private final List<Action> actions = new ArrayList<>();

		private @Nullable DisplayMethod displayMethod;

		private @Nullable Boolean excludeStatistics;

		private @Nullable String nodeId;

		private @Nullable CenterText nodeName;

		private @Nullable String generateType;

		TaskBuilder(String taskId) {
			this.taskId = Objects.requireNonNull(taskId, "taskId must not be null");
		}

		/**
		 * Sets the task's person by user_id.
		 * @param userId the user_id
		 * @return this builder
		 */
		public TaskBuilder userId(String userId) {
			this.userId = userId;
			return this;
		}

		/**
		 * Sets the task's person by open_id.
		 * @param openId the open_id
		 * @return this builder
		 */
		public TaskBuilder openId(String openId) {
			this.openId = openId;
			return this;
		}

		/**
		 * Sets the task's title.
		 * @param title the title, per locale
		 * @return this builder
		 */
		public TaskBuilder title(CenterText title) {
			this.title = title;
			return this;
		}

		/**
		 * Sets where the task opens, the same link on desktop and mobile.
		 * @param link the absolute http(s) URL
		 * @return this builder
		 */
		public TaskBuilder link(String link) {
			return links(link, link);
		}

		/**
		 * Sets where the task opens.
		 * @param pcLink the desktop link
		 * @param mobileLink the mobile link, or {@code null} for the desktop one
		 * @return this builder
		 */
		public TaskBuilder links(String pcLink, @Nullable String mobileLink) {
			this.pcLink = pcLink;
			this.mobileLink = mobileLink;
			return this;
		}

		/**
		 * Sets the status ({@code PENDING} by default).
		 * @param status the status
		 * @return this builder
		 */
		public TaskBuilder status(TaskStatus status) {
			this.status = Objects.requireNonNull(status, "status must not be null");
			return this;
		}

		/**
		 * Sets the task's {@code extra}: a JSON object as a string.
		 * @param extra the JSON text
		 * @return this builder
		 */
		public TaskBuilder extra(String extra) {
			this.extra = extra;
			return this;
		}

		/**
		 * Sets when the task was created.
		 * @param time the creation time
		 * @return this builder
		 */
		public TaskBuilder createTime(Instant time) {
			this.createTime = time;
			return this;
		}

		/**
		 * Sets when the task ended; unset while it is open.
		 * @param time the end, or {@code null}
		 * @return this builder
		 */
		public TaskBuilder endTime(@Nullable Instant time) {
			this.endTime = time;
			return this;
		}

		/**
		 * Sets the version of the task's state: it must increase with every change of the task.
		 * @param time the update time
		 * @return this builder
		 */
		public TaskBuilder updateTime(Instant time) {
			this.updateTime = time;
			return this;
		}

		/**
		 * Sets what the quick-approval callback echoes as {@code action_context}.
		 * @param context the context
		 * @return this builder
		 */
		public TaskBuilder actionContext(String context) {
			this.actionContext = context;
			return this;
		}

		/**
		 * Adds the APPROVE and REJECT buttons (on mobile), REJECT asking for a reason.
		 * @return this builder
		 */
		public TaskBuilder approveAndReject() {
			this.actions.add(new Action(ExternalInstance.ActionConfig.APPROVE, null, false, false));
			this.actions.add(new Action(ExternalInstance.ActionConfig.REJECT, null, true, false));
			return this;
		}

		/**
		 * Adds a button; a task takes at most two.
		 * @param actionType {@code APPROVE}, {@code REJECT} or a custom key
		 * @param name the button's text, required for a custom key
		 * @param needReason whether the approver may give a reason
		 * @param reasonRequired whether the reason is required
		 * @return this builder
		 */
		public TaskBuilder action(String actionType, @Nullable CenterText name, boolean needReason,
				boolean reasonRequired) {
			this.actions.add(new Action(actionType, name, needReason, reasonRequired));
			return this;
		}

		/**
		 * Sets how Lark opens the task's links.
		 * @param method the display method
		 * @return this builder
		 */
		public TaskBuilder displayMethod(DisplayMethod method) {
			this.displayMethod = method;
			return this;
		}

		/**
		 * Sets whether the task is left out of Lark's approval efficiency statistics ({@code exclude_statistics}).
		 * @param exclude whether to leave it out
		 * @return this builder
		 */
		public TaskBuilder excludeStatistics(boolean exclude) {
			this.excludeStatistics = exclude;
			return this;
		}

		/**
		 * Sets the approval node the task belongs to.
		 * @param nodeId the node's id
		 * @param nodeName the node's name, or {@code null}
		 * @return this builder
		 */
		public TaskBuilder node(String nodeId, @Nullable CenterText nodeName) {
			this.nodeId = nodeId;
			this.nodeName = nodeName;
			return this;
		}

		/**
		 * Marks the task as generated for a proxy ({@code EXTERNAL_CONSIGN}).
		 * @return this builder
		 */
		public TaskBuilder forProxy() {
			this.generateType = "EXTERNAL_CONSIGN";
			return this;
		}

		ExternalInstance.Task build(CenterI18nKeys keys, String path) {
			List<ExternalInstance.ActionConfig> configs = new ArrayList<>();
			for (int i = 0; i < this.actions.size(); i++) {
				Action action = this.actions.get(i);
				configs.add(new ExternalInstance.ActionConfig(action.type,
						keys.key(path + ".action_configs[" + i + "].action_name", action.name),
						action.needReason ? Boolean.TRUE : null, action.reasonRequired ? Boolean.TRUE : null, null));
			}
			return new ExternalInstance.Task(this.taskId, this.userId, this.openId, keys.key(path + ".title", this.title),
					linksOf(this.pcLink, this.mobileLink), this.status.name(), this.extra, time(this.createTime),
					ExternalInstance.millis(this.endTime), time(this.updateTime), this.actionContext,
					configs.isEmpty() ? null : configs, name(this.displayMethod), this.excludeStatistics, this.nodeId,
					keys.key(path + ".node_name", this.nodeName), this.generateType);
		}

		private record Action(String type, @Nullable CenterText name, boolean needReason, boolean reasonRequired) {
		}

	}

	/**
	 * Builds a CC from plain texts; its keys are allocated with the instance's.
	 */
	public static final class CcBuilder {

		private final String ccId;

		private @Nullable String userId;

		private @Nullable String openId;

		private @Nullable String pcLink;

		private @Nullable String mobileLink;

		private boolean read;

		private @Nullable String extra;

		private @Nullable CenterText title;

		private @Nullable Instant createTime;

		private @Nullable Instant updateTime;

		private @Nullable DisplayMethod displayMethod;

		CcBuilder(String ccId) {
			this.ccId = Objects.requireNonNull(ccId, "ccId must not be null");
		}

		/**
		 * Sets the CC's person by user_id.
		 * @param userId the user_id
		 * @return this builder
		 */
		public CcBuilder userId(String userId) {
			this.userId = userId;
			return this;
		}

		/**
		 * Sets the CC's person by open_id.
		 * @param openId the open_id
		 * @return this builder
		 */
		public CcBuilder openId(String openId) {
			this.openId = openId;
			return this;
		}

		/**
		 * Sets where the CC opens, the same link on desktop and mobile.
		 * @param link the absolute http(s) URL
		 * @return this builder
		 */
		public CcBuilder link(String link) {
			return links(link, link);
		}

		/**
		 * Sets where the CC opens.
		 * @param pcLink the desktop link
		 * @param mobileLink the mobile link, or {@code null} for the desktop one
		 * @return this builder
		 */
		public CcBuilder links(String pcLink, @Nullable String mobileLink) {
			this.pcLink = pcLink;
			this.mobileLink = mobileLink;
			return this;
		}

		/**
		 * Sets whether the person has read the CC ({@code UNREAD} by default).
		 * @param read whether it is read
		 * @return this builder
		 */
		public CcBuilder read(boolean read) {
			this.read = read;
			return this;
		}

		/**
		 * Sets the CC's {@code extra}: a JSON object as a string.
		 * @param extra the JSON text
		 * @return this builder
		 */
		public CcBuilder extra(String extra) {
			this.extra = extra;
			return this;
		}

		/**
		 * Sets the CC's title.
		 * @param title the title, per locale
		 * @return this builder
		 */
		public CcBuilder title(CenterText title) {
			this.title = title;
			return this;
		}

		/**
		 * Sets when the CC was created.
		 * @param time the creation time
		 * @return this builder
		 */
		public CcBuilder createTime(Instant time) {
			this.createTime = time;
			return this;
		}

		/**
		 * Sets the version of the CC's state: it must increase with every change of the CC.
		 * @param time the update time
		 * @return this builder
		 */
		public CcBuilder updateTime(Instant time) {
			this.updateTime = time;
			return this;
		}

		/**
		 * Sets how Lark opens the CC's links.
		 * @param method the display method
		 * @return this builder
		 */
		public CcBuilder displayMethod(DisplayMethod method) {
			this.displayMethod = method;
			return this;
		}

		ExternalInstance.Cc build(CenterI18nKeys keys, String path) {
			return new ExternalInstance.Cc(this.ccId, this.userId, this.openId, linksOf(this.pcLink, this.mobileLink),
					this.read ? "READ" : "UNREAD", this.extra, keys.key(path + ".title", this.title),
					time(this.createTime), time(this.updateTime), name(this.displayMethod));
		}

	}

}
