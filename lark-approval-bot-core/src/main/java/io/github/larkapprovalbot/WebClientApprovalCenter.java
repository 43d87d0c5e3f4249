package io.github.larkapprovalbot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.larkapprovalbot.CallPipeline.Call;
import io.github.larkapprovalbot.center.ApprovalCenter;
import io.github.larkapprovalbot.center.ApprovalCenterStore;
import io.github.larkapprovalbot.center.ApprovalCenterStore.SyncedLevel;
import io.github.larkapprovalbot.center.ExternalApprovalDefinition;
import io.github.larkapprovalbot.center.ExternalInstance;
import io.github.larkapprovalbot.center.ExternalTask;
import io.github.larkapprovalbot.center.IdTypes;
import io.github.larkapprovalbot.center.InstanceVersion;
import io.github.larkapprovalbot.center.TaskQuery;
import io.github.larkapprovalbot.center.UpdateMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link ApprovalCenter} of one app: each method describes its calls, and the app's {@link CallPipeline} runs
 * them, so that they share the app's token, limits and HTTP resources with its messenger.
 */
final class WebClientApprovalCenter implements ApprovalCenter {

	private static final Log logger = LogFactory.getLog(WebClientApprovalCenter.class);

	/** The largest page {@code external_tasks} serves. */
	private static final int TASK_PAGE_SIZE = 500;

	/** How long a sync waits between two tries of the lease another instance of the service holds. */
	private static final Duration LEASE_POLL = Duration.ofMillis(50);

	private final LarkApp app;

	private final @Nullable CenterCallback callback;

	private final Supplier<ApprovalCenterStore> store;

	/** Who holds this center's leases. */
	private final String owner = UUID.randomUUID().toString();

	WebClientApprovalCenter(LarkApp app, @Nullable CenterCallback callback,
			Supplier<? extends ApprovalCenterStore> store) {
		this.app = app;
		this.callback = callback;
		this.store = SingletonSupplier.of(store::get);
	}

	@Override
	public Mono<String> define(ExternalApprovalDefinition definition, IdTypes idTypes) {
		Objects.requireNonNull(definition, "definition must not be null");
		Objects.requireNonNull(idTypes, "idTypes must not be null");
		return Mono.defer(() -> this.app.pipeline
			.call(new Call(LarkEndpoint.EXTERNAL_APPROVAL_CREATE, withCallback(definition), true, null,
					"user_id_type=" + idTypes.userIdType() + "&department_id_type=" + idTypes.departmentIdType(), null))
			.thenReturn(Objects.requireNonNull(definition.approvalCode(), "approvalCode must not be null")));
	}

	/** The definition with the app's callback when it has none; explicit ones go as they are. */
	private ExternalApprovalDefinition withCallback(ExternalApprovalDefinition definition) {
		ExternalApprovalDefinition.External external = definition.external();
		CenterCallback own = this.callback;
		if (own == null) {
			if (external == null || external.actionCallbackUrl() == null) {
				logger.warn("Approval definition " + definition.approvalCode() + " has no action_callback_url and app "
						+ this.app.appName + " has no callback endpoint: quick approvals from the approval center's "
						+ "list go nowhere");
			}
			return definition;
		}
		if (external == null || external.actionCallbackUrl() == null) {
			// Each part the definition leaves unset comes from the app; one it sets goes as it is.
			String token = (external != null && external.actionCallbackToken() != null) ? external.actionCallbackToken()
					: own.token();
			String key = (external != null && external.actionCallbackKey() != null) ? external.actionCallbackKey()
					: own.key();
			warnIfDiffers(definition, token, key, own);
			return definition.withCallback(own.url(), token, key);
		}
		warnIfDiffers(definition, external.actionCallbackToken(), external.actionCallbackKey(), own);
		return definition;
	}

	private void warnIfDiffers(ExternalApprovalDefinition definition, @Nullable String token, @Nullable String key,
			CenterCallback own) {
		if (!Objects.equals(token, own.token()) || !Objects.equals(key, own.key())) {
			logger.warn("The callback token or key of approval definition " + definition.approvalCode()
					+ " differs from what the callback endpoint of app " + this.app.appName + " accepts: "
					+ "quick approvals from the approval center's list will not reach it");
		}
	}

	@Override
	public Mono<ExternalApprovalDefinition> definition(String approvalCode) {
		Objects.requireNonNull(approvalCode, "approvalCode must not be null");
		return this.app.pipeline
			.call(new Call(LarkEndpoint.EXTERNAL_APPROVAL_GET, null, false, approvalCode, "user_id_type=open_id", null))
			.map((answer) -> this.app.mapper.treeToValue(answer.path("data"), ExternalApprovalDefinition.class));
	}

	@Override
	public Mono<Void> sync(ExternalInstance instance) {
		Objects.requireNonNull(instance, "instance must not be null");
		String id = Objects.requireNonNull(instance.instanceId(), "instanceId must not be null");
		boolean replace = UpdateMode.REPLACE.name().equals(instance.updateMode());
		ExternalInstance sent = replace ? instance : instance.withUpdateMode(UpdateMode.UPDATE);
		return this.app.pipeline.validate(sent).flatMap((valid) -> {
			Map<String, SyncedLevel> levels = levels(valid);
			String lease = "sync:" + id;
			// One sync of an instance at a time, in this JVM too (a holder per sync) and across the service: a REPLACE
			// cannot pass its check while a newer UPDATE is on its way.
			String holder = this.owner + ":" + UUID.randomUUID();
			Mono<Void> locked = acquire(lease, holder, this.app.time.deadline(this.app.callTimeout))
				// A lock Redis applied but whose answer failed or was abandoned is released at once, not at its end.
				.onErrorResume((ex) -> release(lease, holder).then(Mono.error(ex)))
				.doOnCancel(() -> release(lease, holder).subscribe());
			if (!replace) {
				// UPDATE is safe without the lease: Lark itself keeps the newer state of each level.
				locked = locked.onErrorResume((ex) -> {
					logger.debug("Syncing instance " + id + " without its lease: " + ex);
					return Mono.empty();
				});
			}
			return locked.then(Mono.usingWhen(Mono.just(lease),
					(held) -> replace ? replace(id, valid, levels) : update(id, valid, levels),
					(held) -> release(held, holder)));
		});
	}

	private Mono<Void> release(String lease, String holder) {
		return this.store.get().unlock(lease, holder).onErrorResume((ex) -> {
			logger.debug("Could not release " + lease + "; it ends on its own: " + ex);
			return Mono.empty();
		});
	}

	/** UPDATE: Lark itself keeps the newer state of each level; the store informs the warning and later REPLACEs. */
	private Mono<Void> update(String id, ExternalInstance instance, Map<String, SyncedLevel> levels) {
		return this.store.get()
			.synced(id)
			.onErrorResume((ex) -> {
				logger.debug("Could not read the synced state of instance " + id + ": " + ex);
				return Mono.just(Map.of());
			})
			.flatMap((previous) -> {
				warnUnchangedTimes(id, previous, levels);
				return record(id, levels).then(send(instance));
			});
	}

	/**
	 * REPLACE ignores {@code update_time} on Lark's side: it goes only when no level it carries (the instance, a task,
	 * a CC) was synced in a newer state (the same state again goes: a retry of what may not have arrived), and is
	 * recorded before it is sent, so that an answer lost on the way still guards against older states.
	 */
	private Mono<Void> replace(String id, ExternalInstance instance, Map<String, SyncedLevel> levels) {
		return this.store.get().synced(id).flatMap((previous) -> {
			for (Map.Entry<String, SyncedLevel> level : levels.entrySet()) {
				SyncedLevel synced = previous.get(level.getKey());
				SyncedLevel mine = level.getValue();
				if (synced != null && synced.updateTime() > mine.updateTime()) {
					logger.info("Skipped a REPLACE of instance " + id + ": its " + level.getKey() + " at update_time "
							+ mine.updateTime() + " is older than the " + synced.updateTime() + " synced already");
					return Mono.empty();
				}
				if (synced != null && synced.updateTime() == mine.updateTime()
						&& !synced.digest().equals(mine.digest())) {
					logger.warn("Skipped a REPLACE of instance " + id + ": its " + level.getKey() + " changed but its "
							+ "update_time " + mine.updateTime() + " is the one synced before; give every change a "
							+ "newer update_time");
					return Mono.empty();
				}
			}
			return this.store.get().recordSynced(id, levels).then(send(instance));
		});
	}

	/**
	 * Takes the instance's lease, waiting while another sync holds it, within the deadline: a sync waits at most one
	 * call timeout for the lease, then has its own call timeout to send.
	 */
	private Mono<Void> acquire(String lease, String holder, long deadline) {
		// Twice the call timeout: the send under the lease has a whole call timeout of its own.
		return this.store.get().tryLock(lease, holder, this.app.callTimeout.multipliedBy(2)).flatMap((held) -> {
			if (held) {
				return Mono.empty();
			}
			Duration left = this.app.time.remaining(deadline);
			if (left.compareTo(LEASE_POLL) <= 0) {
				return Mono.error(new IllegalStateException("Another sync of instance "
						+ lease.substring("sync:".length()) + " held its lease for the whole call timeout"));
			}
			return Mono.delay(LEASE_POLL, this.app.time.scheduler()).then(acquire(lease, holder, deadline));
		});
	}

	/** Sends an instance that {@link #sync} has validated already. */
	private Mono<Void> send(ExternalInstance instance) {
		return this.app.pipeline.call(new Call(LarkEndpoint.EXTERNAL_INSTANCE_SYNC, instance, false, null, null, null))
			.then();
	}

	private Mono<Void> record(String id, Map<String, SyncedLevel> levels) {
		return this.store.get().recordSynced(id, levels).onErrorResume((ex) -> {
			logger.debug("Could not record the synced state of instance " + id + ": " + ex);
			return Mono.empty();
		});
	}

	private void warnUnchangedTimes(String id, Map<String, SyncedLevel> previous, Map<String, SyncedLevel> levels) {
		levels.forEach((level, state) -> {
			SyncedLevel before = previous.get(level);
			if (before != null && !before.digest().equals(state.digest()) && state.updateTime() <= before.updateTime()) {
				logger.warn("The " + level + " of approval center instance " + id + " changed but its update_time "
						+ state.updateTime() + " is not after the one synced before (" + before.updateTime()
						+ "): Lark keeps the older state");
			}
		});
	}

	/** What each level of an instance holds: its update time, and a digest of the rest. */
	private Map<String, SyncedLevel> levels(ExternalInstance instance) {
		Map<String, SyncedLevel> levels = new LinkedHashMap<>();
		ObjectNode json = this.app.mapper.valueToTree(instance);
		ObjectNode own = json.deepCopy();
		// i18n_resources hold the tasks' and CCs' texts too: a task's change is not the instance's.
		own.remove(List.of("task_list", "cc_list", "update_time", "update_mode", "i18n_resources"));
		levels.put(ApprovalCenterStore.INSTANCE_LEVEL,
				new SyncedLevel(millis(instance.updateTime()), digest(own)));
		for (JsonNode task : json.path("task_list")) {
			ObjectNode rest = ((ObjectNode) task).deepCopy();
			rest.remove("update_time");
			String time = task.path("update_time").asString(task.path("create_time").asString("0"));
			levels.put("task:" + task.path("task_id").asString(), new SyncedLevel(millis(time), digest(rest)));
		}
		for (JsonNode cc : json.path("cc_list")) {
			ObjectNode rest = ((ObjectNode) cc).deepCopy();
			rest.remove("update_time");
			levels.put("cc:" + cc.path("cc_id").asString(),
					new SyncedLevel(millis(cc.path("update_time").asString("0")), digest(rest)));
		}
		return levels;
	}

	private static long millis(@Nullable String time) {
		try {
			return (time != null) ? Long.parseLong(time) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private String digest(JsonNode json) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(this.app.mapper.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	@Override
	public Mono<List<InstanceVersion>> check(List<InstanceVersion> instances) {
		Objects.requireNonNull(instances, "instances must not be null");
		if (instances.isEmpty()) {
			return Mono.just(List.of());
		}
		return this.app.pipeline
			.call(new Call(LarkEndpoint.EXTERNAL_INSTANCE_CHECK, new CheckRequest(instances), true, null, null, null))
			.map((answer) -> list(answer.at("/data/diff_instances"), InstanceVersion[].class));
	}

	@Override
	public Flux<ExternalTask> tasks(TaskQuery query) {
		Objects.requireNonNull(query, "query must not be null");
		return page(query, null).expand((page) -> (page.next() != null) ? page(query, page.next()) : Mono.empty())
			.flatMapIterable(TaskPage::tasks);
	}

	/** One page of tasks, with the token of the next one when there is more. */
	private Mono<TaskPage> page(TaskQuery query, @Nullable String pageToken) {
		String pageQuery = "page_size=" + TASK_PAGE_SIZE
				+ ((pageToken != null) ? "&page_token=" + UriUtils.encodeQueryParam(pageToken, StandardCharsets.UTF_8)
						: "");
		return this.app.pipeline.call(new Call(LarkEndpoint.EXTERNAL_TASK_LIST, query, true, null, pageQuery, null))
			.map((answer) -> {
				JsonNode data = answer.path("data");
				String next = data.path("has_more").asBoolean(false) ? data.path("page_token").asString("") : "";
				return new TaskPage(list(data.path("data"), ExternalTask[].class), next.isEmpty() ? null : next);
			});
	}

	private <T> List<T> list(JsonNode array, Class<T[]> type) {
		return array.isArray() ? List.of(this.app.mapper.treeToValue(array, type)) : List.of();
	}

	@Override
	public String toString() {
		return "WebClientApprovalCenter[" + this.app + "]";
	}

	/**
	 * The body of {@code external_instances/check}.
	 *
	 * @param instances the versions to compare
	 */
	record CheckRequest(@JsonProperty("instances") @NotEmpty List<@Valid @NotNull InstanceVersion> instances) {

	}

	/**
	 * A page of tasks.
	 *
	 * @param tasks the page's instances with their tasks
	 * @param next the next page's token, {@code null} on the last
	 */
	private record TaskPage(List<ExternalTask> tasks, @Nullable String next) {

	}

}
