package io.github.larkapprovalbot.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.github.larkapprovalbot.UserIdType;
import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionListener;
import io.github.larkapprovalbot.callback.ApprovalActionRejectedException;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.LarkLocale;
import io.github.larkapprovalbot.message.MessageStatus;
import io.github.larkapprovalbot.outbox.LarkOutbox;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Handles the approver's click, on the card or in Lark's approval center. In one transaction it records the decision
 * and, through the outbox, everything that follows from it: the re-sync that moves the task to 已办, the card turned
 * to APPROVED or REJECTED, the applicant's 1004 or 1003 card (and a helpdesk message when rejected, both with the
 * approver's reason), and the leave board's patch. The click is answered once that is committed; the outbox delivers
 * each call after it, and keeps trying through Lark outages and restarts, so no follow-up is lost when one fails.
 */
@Component
class LeaveDecisions {

	private final LeaveRequests requests;

	private final LarkOutbox outbox;

	private final SampleProperties properties;

	private final MessageSource messages;

	private final LeaveApprovalCenter center;

	private final TransactionTemplate transactions;

	LeaveDecisions(LeaveRequests requests, LarkOutbox outbox, SampleProperties properties, MessageSource messages,
			LeaveApprovalCenter center, TransactionTemplate transactions) {
		this.requests = requests;
		this.outbox = outbox;
		this.properties = properties;
		this.messages = messages;
		this.center = center;
		this.transactions = transactions;
	}

	@ApprovalActionListener(actionType = { "APPROVE", "REJECT" })
	Mono<Void> decide(ApprovalAction action) {
		return Mono.<Void>fromRunnable(() -> this.transactions.executeWithoutResult((status) -> record(action)))
			.subscribeOn(Schedulers.boundedElastic());
	}

	private void record(ApprovalAction action) {
		boolean approved = "APPROVE".equals(action.actionType());
		LeaveRequest request = this.requests.find(String.valueOf(action.actionContext()))
			.orElseThrow(() -> new ApprovalActionRejectedException("This leave request no longer exists."));
		LeaveRequest decided = request.withStatus(approved ? "APPROVED" : "REJECTED");
		if (!request.isPending() || !this.requests.decide(decided)) {
			throw new ApprovalActionRejectedException("This leave request was already decided.");
		}
		// The task moves from the approver's 待办 to 已办 in Lark's approval center, wherever they clicked.
		this.outbox.sync(this.center.instance(decided));
		// The card is named by its outbox id, the request's: the update follows the card even if it is still on its way.
		this.outbox.update(ApprovalBotMessageUpdate.of(decided.id(),
				approved ? MessageStatus.APPROVED : MessageStatus.REJECTED));
		String url = this.properties.detailBaseUrl() + "/" + decided.id();
		String why = why(action);
		this.outbox.sendCard(approved
				? new DecidedLeaveCards.Approved(decided.applicantId(), decided.approverId(), decided.reason(),
						decided.days(), url, decided.id() + "-decided")
				: new DecidedLeaveCards.Rejected(decided.applicantId(), decided.approverId(), decided.reason(),
						decided.days(), url, decided.id() + "-decided", why));
		if (!approved) {
			this.outbox.sendHelpdesk(rejectedNotice(decided, why).toPrivateChat(), UserIdType.USER_ID);
		}
		this.outbox.patchCard(this.properties.boardMessageId(), board());
	}

	/** The approver's reason and the names of the files attached to it; "-" when they gave none. */
	private static String why(ApprovalAction action) {
		String reason = (action.reason() != null && !action.reason().isBlank()) ? action.reason().strip() : "-";
		List<ApprovalAction.Attachment> files = (action.attachments() != null) ? action.attachments() : List.of();
		if (files.isEmpty()) {
			return reason;
		}
		return reason + " (" + String.join(", ", files.stream().map((file) -> String.valueOf(file.fileName())).toList())
				+ ")";
	}

	/** A rich-text helpdesk message in every locale the sample has texts for; Lark shows the viewer's. */
	private HelpdeskBotMessage rejectedNotice(LeaveRequest request, String why) {
		Map<String, HelpdeskBotMessage.Post> posts = new LinkedHashMap<>();
		for (LarkLocale locale : List.of(LarkLocale.ZH_CN, LarkLocale.EN_US)) {
			Locale javaLocale = locale.toLocale();
			String title = this.messages.getMessage("leave.rejected.notice.title", null, javaLocale);
			String text = this.messages.getMessage("leave.rejected.notice.text", new Object[] { request.days(), why },
					javaLocale);
			posts.put(locale.tag().toLowerCase(Locale.ROOT).replace('-', '_'),
					HelpdeskBotMessage.Post.of(title, List.of(HelpdeskBotMessage.PostElement.text(text))));
		}
		return HelpdeskBotMessage.post(request.applicantId(), posts);
	}

	/** The leave board: a card JSON 1.0 with the counts of requests by status, as this transaction sees them. */
	private String board() {
		Map<String, Long> counts = new TreeMap<>();
		this.requests.all().forEach((r) -> counts.merge(r.status(), 1L, Long::sum));
		StringBuilder text = new StringBuilder();
		counts.forEach((status, count) -> text.append("**").append(status).append("**: ").append(count).append("\n"));
		return JsonMapper.shared()
			.writeValueAsString(Map.of("config", Map.of("update_multi", true), "header",
					Map.of("title", Map.of("tag", "plain_text", "content", "Leave board"), "template", "blue"),
					"elements",
					List.of(Map.of("tag", "div", "text", Map.of("tag", "lark_md", "content", text.toString())))));
	}

}
