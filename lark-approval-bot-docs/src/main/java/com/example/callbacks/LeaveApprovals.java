package com.example.callbacks;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionListener;
import io.github.larkapprovalbot.callback.ApprovalActionRejectedException;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.MessageStatus;
import org.springframework.stereotype.Component;

@Component
public class LeaveApprovals {

    private final ApprovalBotMessenger messenger;

    private final LeaveBalances balances;   // your own service

    public LeaveApprovals(ApprovalBotMessenger messenger, LeaveBalances balances) {
        this.messenger = messenger;
        this.balances = balances;
    }

    /** For cards whose APPROVE button has no nextStatus: the application updates the card itself. */
    @ApprovalActionListener(actionType = "APPROVE")
    public void approve(ApprovalAction action) {   // may block: it runs on a bounded-elastic thread
        if (!this.balances.take(action.actionContext(), action.userId())) {
            throw new ApprovalActionRejectedException("The leave balance is too low");   // shown on the card
        }
        this.messenger.blocking().update(ApprovalBotMessageUpdate.of(action.messageId(), MessageStatus.APPROVED));
    }

}
