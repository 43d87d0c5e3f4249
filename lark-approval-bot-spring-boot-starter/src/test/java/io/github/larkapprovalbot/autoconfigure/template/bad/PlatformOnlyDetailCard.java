package io.github.larkapprovalbot.autoconfigure.template.bad;

import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate;
import io.github.larkapprovalbot.template.LarkCardTemplate.DetailUrl;
import io.github.larkapprovalbot.template.LarkCardTemplate.Platform;
import io.github.larkapprovalbot.template.LarkCardTemplate.Recipient;
import io.github.larkapprovalbot.template.LarkCardTemplate.TitleUser;

/** Gives the detail link per platform only, without the default url Lark also requires. */
@LarkCardTemplate(template = BotTemplate.REJECTED, approvalName = "leave.name", summaries = "leave.reason")
public record PlatformOnlyDetailCard(@Recipient String userId, @TitleUser String applicant,
		@DetailUrl(platform = Platform.ANDROID) String android, @DetailUrl(platform = Platform.IOS) String ios,
		@DetailUrl(platform = Platform.PC) String pc) {

}
