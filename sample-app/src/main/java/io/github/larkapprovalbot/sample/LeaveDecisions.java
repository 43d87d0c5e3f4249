package io.github.larkapprovalbot.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.UserIdType;
import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionListener;
import io.github.larkapprovalbot.callback.ApprovalActionRejectedException;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.LarkLocale;
import io.github.larkapprovalbot.message.MessageStatus;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Handles the approver's click, on the card or in Lark's approval center: records the decision, re-syncs the
 * instance so that the task moves to 已办, turns the card to APPROVED or REJECTED, tells the
 * applicant with a 1004 or 1003 card (and through the helpdesk when rejected, both with the approver's reason), and
 * patches the leave board.
 */
@Component
class LeaveDecisions {

	private final LeaveRequests requests;

	private final ApprovalBotMessenger messenger;

	private final SampleProperties properties;

	private final MessageSource messages;

	private final LeaveApprovalCenter center;

	LeaveDecisions(LeaveRequests requests, ApprovalBotMessenger messenger, SampleProperties properties,
			MessageSource messages, LeaveApprovalCenter center) {
		this.requests = requests;
		this.messenger = messenger;
		this.properties = properties;
		this.messages = messages;
		this.center = center;
	}

	@ApprovalActionListener(actionType = { "APPROVE", "REJECT" })
	Mono<Void> decide(ApprovalAction action) {
		boolean approved = "APPROVE".equals(action.actionType());
		String status = approved ? "APPROVED" : "REJECTED";
		LeaveRequest request = this.requests.find(String.valueOf(action.actionContext()))
			.orElseThrow(() -> new ApprovalActionRejectedException("This leave request no longer exists."));
		if (!"PENDING".equals(request.status())) {
			throw new ApprovalActionRejectedException("This leave request was already " + request.status() + ".");
		}
		LeaveRequest decided = this.requests.update(request.id(), (r) -> r.withStatus(status)).orElseThrow();
		// Re-synced first: the task moves from the approver's 待办 to 已办 in Lark's approval center, wherever they
		// clicked (the card, the approval center's list, a search).
		Mono<Void> resync = this.center.sync(decided);
		String url = this.properties.detailBaseUrl() + "/" + decided.id();
		Object outcome = approved
				? new DecidedLeaveCards.Approved(decided.applicantId(), decided.approverId(), decided.reason(),
						decided.days(), url, decided.id() + "-decided")
				: new DecidedLeaveCards.Rejected(decided.applicantId(), decided.approverId(), decided.reason(),
						decided.days(), url, decided.id() + "-decided", why(action));
		Mono<?> helpdesk = approved ? Mono.empty()
				: this.messenger.sendHelpdesk(rejectedNotice(decided, why(action)).toPrivateChat(), UserIdType.USER_ID);
		String cardId = decided.messageId();
		Mono<?> update = (cardId != null) ? this.messenger
			.update(ApprovalBotMessageUpdate.of(cardId, approved ? MessageStatus.APPROVED : MessageStatus.REJECTED))
				: Mono.empty();
		return resync.then(update)
			.then(this.messenger.sendCard(outcome))
			.then(helpdesk)
			.then(this.messenger.patchCard(this.properties.boardMessageId(), board()));
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

	/** The leave board: a card JSON 1.0 with the counts of requests by status. */
	private Map<String, Object> board() {
		Map<String, Long> counts = new TreeMap<>();
		this.requests.all().forEach((r) -> counts.merge(r.status(), 1L, Long::sum));
		StringBuilder text = new StringBuilder();
		counts.forEach((status, count) -> text.append("**").append(status).append("**: ").append(count).append("\n"));
		return Map.of("config", Map.of("update_multi", true), "header",
				Map.of("title", Map.of("tag", "plain_text", "content", "Leave board"), "template", "blue"), "elements",
				List.of(Map.of("tag", "div", "text", Map.of("tag", "lark_md", "content", text.toString()))));
	}

}
