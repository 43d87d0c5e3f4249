package io.github.larkapprovalbot.sample;

import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate.DetailUrl;
import io.github.larkapprovalbot.template.LarkCardTemplate.Recipient;
import io.github.larkapprovalbot.template.LarkCardTemplate.TitleUser;
import io.github.larkapprovalbot.template.LarkCardTemplate.Uuid;

/**
 * The cards that tell the applicant the outcome.
 */
final class DecidedLeaveCards {

	private DecidedLeaveCards() {
	}

	/** 1004 "approved", with the approver's comment. */
	@LarkCardTemplate(template = BotTemplate.APPROVED, approvalName = "leave.name",
			summaries = { "leave.decided.reason", "leave.decided.days" }, comment = "leave.approved.comment")
	record Approved(@Recipient String applicantId, @TitleUser String approverId, String reason, int days,
			@DetailUrl String url, @Uuid String uuid) {
	}

	/** 1003 "rejected", with why: the reason the approver typed in the Reject prompt. */
	@LarkCardTemplate(template = BotTemplate.REJECTED, approvalName = "leave.name",
			summaries = { "leave.decided.reason", "leave.decided.days", "leave.rejected.why" })
	record Rejected(@Recipient String applicantId, @TitleUser String approverId, String reason, int days,
			@DetailUrl String url, @Uuid String uuid, String why) {
	}

}
