package io.github.larkapprovalbot.autoconfigure.template.bad;

import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate.Button;
import io.github.larkapprovalbot.template.LarkCardTemplate.DetailUrl;
import io.github.larkapprovalbot.template.LarkCardTemplate.Recipient;
import io.github.larkapprovalbot.template.LarkCardTemplate.TitleUser;

/** A misspelt next status and a custom button without a name: both fail only at send time unless checked. */
@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.name", summaries = "leave.reason",
		buttons = { @Button(type = "APPROVE", nextStatus = "APPROVD"), @Button(type = "ESCALATE") })
public record TypoCard(@Recipient String approverId, @TitleUser String applicant, @DetailUrl String url) {

}
