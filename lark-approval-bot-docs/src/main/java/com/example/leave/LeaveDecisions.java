package com.example.leave;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionListener;
import org.springframework.stereotype.Component;

@Component
public class LeaveDecisions {

    private final Map<String, String> decisions = new ConcurrentHashMap<>();   // your database, in real life

    /**
     * Runs when an approver clicks Approve or Reject on a LeaveCard. Once it returns, Lark sets the card to the
     * button's nextStatus; an exception leaves the card as it was and asks the approver to try again.
     */
    @ApprovalActionListener(actionType = { "APPROVE", "REJECT" })
    public void decide(ApprovalAction action) {
        // actionContext() is the card's @ActionContext: the request's id
        this.decisions.put(action.actionContext(), action.actionType());
    }

    public Optional<String> decision(String requestId) {
        return Optional.ofNullable(this.decisions.get(requestId));
    }

}
