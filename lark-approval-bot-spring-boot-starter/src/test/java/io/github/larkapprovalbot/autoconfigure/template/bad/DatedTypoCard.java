package io.github.larkapprovalbot.autoconfigure.template.bad;

import java.time.LocalDate;
import java.util.Objects;

import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate.Button;
import io.github.larkapprovalbot.template.LarkCardTemplate.DetailUrl;
import io.github.larkapprovalbot.template.LarkCardTemplate.Recipient;
import io.github.larkapprovalbot.template.LarkCardTemplate.TitleUser;

/**
 * The typos of {@link TypoCard} on a card that no placeholder values can make (its constructor refuses a missing
 * date, which no text converts to): the buttons must still be checked.
 */
@LarkCardTemplate(template = BotTemplate.PENDING_APPROVAL, approvalName = "leave.name", summaries = "leave.reason",
		buttons = { @Button(type = "APPROVE", nextStatus = "APPROVD"), @Button(type = "ESCALATE") })
public record DatedTypoCard(@Recipient String approverId, @TitleUser String applicant, @DetailUrl String url,
		LocalDate from) {

	public DatedTypoCard {
		Objects.requireNonNull(from, "from");
	}

}
