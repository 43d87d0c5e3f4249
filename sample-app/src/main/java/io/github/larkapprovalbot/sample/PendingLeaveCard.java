package io.github.larkapprovalbot.sample;

import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate.ActionContext;
import io.github.larkapprovalbot.template.LarkCardTemplate.Button;
import io.github.larkapprovalbot.template.LarkCardTemplate.DetailUrl;
import io.github.larkapprovalbot.template.LarkCardTemplate.Recipient;
import io.github.larkapprovalbot.template.LarkCardTemplate.TitleUser;
import io.github.larkapprovalbot.template.LarkCardTemplate.Uuid;

/**
 * The 1008 "pending approval" card the approver gets. Its buttons have no next_status: the sample updates the card
 * itself once it has recorded the decision. Reject asks for a reason, which may come with attached files.
 */
@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.name",
		summaries = { "leave.pending.reason", "leave.pending.days" }, note = "leave.note",
		buttons = { @Button(type = "APPROVE"), @Button(type = "REJECT", needReason = true, reasonRequired = true,
				needAttachment = true) })
public record PendingLeaveCard(@Recipient String approverId, @TitleUser String applicantId, String reason, int days,
		@DetailUrl String url, @ActionContext @Uuid String requestId) {

}
