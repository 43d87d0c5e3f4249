package com.example.leave;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.SentMessage;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

@Service
public class ReactiveLeaveNotifier {

    private final ApprovalBotMessenger messenger;

    public ReactiveLeaveNotifier(ApprovalBotMessenger messenger) {
        this.messenger = messenger;
    }

    /** Sends the approver the card when subscribed to; never blocks. */
    public Mono<String> ask(LeaveRequest request) {
        LeaveCard card = new LeaveCard(request.approverId(), request.reason(), request.days(),
                request.applicantId(), "https://oa.example.com/leave/" + request.id(), request.id());
        return this.messenger.sendCard(card).map(SentMessage::messageId);
    }

}
