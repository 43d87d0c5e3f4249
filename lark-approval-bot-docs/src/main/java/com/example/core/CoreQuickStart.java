package com.example.core;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.SentMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.message.I18nText;
import io.github.larkapprovalbot.message.LarkLocale;
import io.github.larkapprovalbot.message.MessageStatus;

public class CoreQuickStart {

    public static void main(String[] args) {
        ApprovalBotMessage message = ApprovalBotMessage.builder(BotTemplate.PENDING_APPROVAL)   // template 1008
            .defaultLocale(LarkLocale.EN_US)
            .toUserId("16fb9ff3")
            .approvalName(I18nText.of("请假", "Leave"))   // zh-CN, en-US
            .titleUserId("a11b22c3")
            .applicant("a11b22c3", "od-5f2c")
            .summary(I18nText.of("事由：家事", "Reason: family"))
            .detail("https://oa.example.com/leave/42")
            .callback("https://oa.example.com/lark/approval/callback", System.getenv("LARK_CALLBACK_TOKEN"), null,
                    "leave-42")
            .actionConfig(ActionConfig.approve(MessageStatus.APPROVED))
            .actionConfig(ActionConfig.reject(MessageStatus.REJECTED).withReason(true, false))
            .build();

        try (ApprovalBotMessenger messenger = ApprovalBotMessenger.builder()
            .credentials(System.getenv("LARK_APP_ID"), System.getenv("LARK_APP_SECRET"))
            .baseUrl(ApprovalBotMessengerBuilder.LARK)   // the default is Feishu
            .build()) {
            SentMessage sent = messenger.blocking().send(message);   // checked against template 1008's rules first
            System.out.println("Sent " + sent.messageId());
        }
    }

}
