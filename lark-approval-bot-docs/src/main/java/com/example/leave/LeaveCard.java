package com.example.leave;

import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate.ActionContext;
import io.github.larkapprovalbot.template.LarkCardTemplate.Button;
import io.github.larkapprovalbot.template.LarkCardTemplate.DetailUrl;
import io.github.larkapprovalbot.template.LarkCardTemplate.Recipient;
import io.github.larkapprovalbot.template.LarkCardTemplate.TitleUser;
import io.github.larkapprovalbot.template.LarkCardTemplate.Uuid;

/**
 * The card the approver gets: template 1008, "waiting for your approval", with Approve and Reject buttons. Its texts
 * are keys of messages.properties, which get the components as arguments: {0} is approverId, {1} reason, {2} days.
 */
@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.card.name",
        summaries = { "leave.card.reason", "leave.card.days" },
        buttons = { @Button(type = "APPROVE", nextStatus = "APPROVED"),
                @Button(type = "REJECT", nextStatus = "REJECTED", needReason = true) })
public record LeaveCard(
        @Recipient String approverId,            // who gets the card (a user_id)
        String reason,
        int days,
        @TitleUser String applicantId,           // "<applicant>'s leave request" in the title
        @DetailUrl String url,                   // the card's DETAIL link, to your own page
        @ActionContext @Uuid String requestId) { // comes back with the click; one card per request
}
