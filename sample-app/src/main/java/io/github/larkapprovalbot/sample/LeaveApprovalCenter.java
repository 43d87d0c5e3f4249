package io.github.larkapprovalbot.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.github.larkapprovalbot.center.ApprovalCenter;
import io.github.larkapprovalbot.center.CenterLocale;
import io.github.larkapprovalbot.center.CenterText;
import io.github.larkapprovalbot.center.ExternalApprovalDefinition;
import io.github.larkapprovalbot.center.ExternalInstance;
import io.github.larkapprovalbot.center.ExternalInstanceSource;
import io.github.larkapprovalbot.center.InstanceStatus;
import io.github.larkapprovalbot.center.TaskStatus;
import io.github.larkapprovalbot.outbox.LarkOutbox;
import io.github.larkapprovalbot.outbox.OutboxCallKind;
import io.github.larkapprovalbot.outbox.OutboxDeliveryFailedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The sample's side of Lark's approval center: it defines the leave approval at startup, turns a leave request into
 * the instance the approval center shows (a task in the approver's 待办 with Approve and Reject, a CC to the
 * applicant), and, as the {@link ExternalInstanceSource}, tells the reconciler what Lark should hold.
 */
@Component
class LeaveApprovalCenter implements ExternalInstanceSource {

	static final String APPROVAL_CODE = "sample-leave-request";

	/** Lark's answer to an instance of an approval it does not know (§9 of the protocol notes). */
	private static final int APPROVAL_CODE_NOT_FOUND = 1390002;

	private static final Log logger = LogFactory.getLog(LeaveApprovalCenter.class);

	private final ApprovalCenter center;

	private final LarkOutbox outbox;

	private final LeaveRequests requests;

	private final SampleProperties properties;

	private final MessageSource messages;

	LeaveApprovalCenter(ApprovalCenter center, LarkOutbox outbox, LeaveRequests requests,
			SampleProperties properties, MessageSource messages) {
		this.center = center;
		this.outbox = outbox;
		this.requests = requests;
		this.properties = properties;
		this.messages = messages;
	}

	/** Defines the approval once the application is up; define is an upsert, so each start may repeat it. */
	@EventListener(ApplicationReadyEvent.class)
	void defineAtStartup() {
		try {
			define().block(Duration.ofSeconds(30));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not define the leave approval in Lark's approval center; a sync Lark refuses for it defines it", ex);
		}
	}

	private Mono<Void> define() {
		return this.center.define(ExternalApprovalDefinition.builder(APPROVAL_CODE)
			.name(text("leave.name"))
			.group("sample-hr", text("leave.center.group"))
			.bizName(text("leave.center.biz"))
			.createLinks(this.properties.detailBaseUrl(), this.properties.detailBaseUrl())
			.viewer(ExternalApprovalDefinition.Viewer.TENANT)
			.build()).then();
	}

	/**
	 * Defines the approval when Lark refused a sync because it does not know it (the startup could not define it, or
	 * someone deleted it), then has the outbox deliver the sync again. Any other failed sync is left to the
	 * reconciler, which repairs what Lark lacks within its interval.
	 * @param failure the outbox row that ended failed
	 */
	@EventListener
	void approvalUnknown(OutboxDeliveryFailedEvent failure) {
		if (failure.kind() == OutboxCallKind.SYNC && failure.error().contains("code " + APPROVAL_CODE_NOT_FOUND)) {
			define().block(Duration.ofSeconds(30));
			this.outbox.retry(failure.id());
		}
	}

	@Override
	public Stream<ExternalInstance> changedSince(Instant since) {
		return this.requests.changedSince(since).stream().map(this::instance);
	}

	/** The request as the approval center shows it; its update time is the request's, which every change advances. */
	ExternalInstance instance(LeaveRequest request) {
		String url = this.properties.detailBaseUrl() + "/" + request.id();
		boolean pending = request.isPending();
		@Nullable Instant ended = pending ? null : request.updatedAt();
		return ExternalInstance.builder(APPROVAL_CODE, request.id())
			.status(pending ? InstanceStatus.PENDING : InstanceStatus.valueOf(request.status()))
			.extra("{\"business_key\":\"" + request.id() + "\"}")
			.link(url)
			.title(text("leave.name"))
			.formField(text("leave.center.reason"), CenterText.of(request.reason()))
			.formField(text("leave.center.days"), CenterText.of(Integer.toString(request.days())))
			.initiatorUserId(request.applicantId())
			.initiatorName(request.applicantId())
			.startTime(request.createdAt())
			.endTime(ended)
			.updateTime(request.updatedAt())
			.task(ExternalInstance.Task.builder(request.id() + "-approval")
				.userId(request.approverId())
				.title(text("leave.name"))
				.link(url)
				.status(pending ? TaskStatus.PENDING : TaskStatus.valueOf(request.status()))
				.extra(pending ? "{}" : "{\"complete_reason\":\"" + request.status().toLowerCase(Locale.ROOT) + "\"}")
				.createTime(request.createdAt())
				.endTime(ended)
				.updateTime(request.updatedAt())
				.actionContext(request.id())
				.approveAndReject())
			.cc(ExternalInstance.Cc.builder(request.id() + "-cc")
				.userId(request.applicantId())
				.link(url)
				.createTime(request.createdAt())
				.updateTime(request.createdAt()))
			.build();
	}

	private CenterText text(String code) {
		return CenterText.of(Map.of(CenterLocale.ZH_CN, message(code, Locale.SIMPLIFIED_CHINESE), CenterLocale.EN_US,
				message(code, Locale.US)));
	}

	private String message(String code, Locale locale) {
		return this.messages.getMessage(code, null, locale);
	}

	@Override
	public String toString() {
		return "LeaveApprovalCenter[" + APPROVAL_CODE + "]";
	}

}
