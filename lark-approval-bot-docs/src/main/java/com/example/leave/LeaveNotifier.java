package com.example.leave;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.SentMessage;
import org.springframework.stereotype.Service;

@Service
public class LeaveNotifier {

    private final ApprovalBotMessenger messenger;

    public LeaveNotifier(ApprovalBotMessenger messenger) {
        this.messenger = messenger;
    }

    /** Sends the approver the card, and returns Lark's message id once Lark has it. */
    public String ask(LeaveRequest request) {
        LeaveCard card = new LeaveCard(request.approverId(), request.reason(), request.days(),
                request.applicantId(), "https://oa.example.com/leave/" + request.id(), request.id());
        SentMessage sent = this.messenger.blocking().sendCard(card);
        return sent.messageId();
    }

}
