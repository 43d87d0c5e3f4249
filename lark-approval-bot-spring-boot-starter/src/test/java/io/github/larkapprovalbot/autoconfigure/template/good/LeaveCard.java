package io.github.larkapprovalbot.autoconfigure.template.good;

import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate.ActionContext;
import io.github.larkapprovalbot.template.LarkCardTemplate.Button;
import io.github.larkapprovalbot.template.LarkCardTemplate.DetailUrl;
import io.github.larkapprovalbot.template.LarkCardTemplate.Recipient;
import io.github.larkapprovalbot.template.LarkCardTemplate.TitleUser;
import io.github.larkapprovalbot.template.LarkCardTemplate.Uuid;

@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.name",
		summaries = { "leave.reason", "leave.days" }, note = "leave.note",
		buttons = { @Button(type = "APPROVE", nextStatus = "APPROVED"),
				@Button(type = "REJECT", name = "leave.reject", needReason = true, reasonRequired = true) })
public record LeaveCard(@Recipient String approverId, String reason, int days, @TitleUser String applicantId,
		@DetailUrl String url, @ActionContext @Uuid String requestId) {

}
