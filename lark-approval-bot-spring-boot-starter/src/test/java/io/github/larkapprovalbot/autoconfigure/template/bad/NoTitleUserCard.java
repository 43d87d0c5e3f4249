package io.github.larkapprovalbot.autoconfigure.template.bad;

import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate.Button;
import io.github.larkapprovalbot.template.LarkCardTemplate.DetailUrl;
import io.github.larkapprovalbot.template.LarkCardTemplate.Recipient;

/** Misses the title user 1008 requires, and names a key that has no text. */
@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.name",
		summaries = { "leave.missing-summary" }, buttons = @Button(type = "APPROVE"))
public record NoTitleUserCard(@Recipient String approverId, @DetailUrl String url) {

}
