package com.example.apps;

import com.example.leave.LeaveCard;
import com.example.leave.LeaveRequest;
import io.github.larkapprovalbot.ApprovalBotMessengers;
import io.github.larkapprovalbot.SentMessage;
import org.springframework.stereotype.Service;

@Service
public class RegionalLeaveNotifier {

    private final ApprovalBotMessengers messengers;

    public RegionalLeaveNotifier(ApprovalBotMessengers messengers) {
        this.messengers = messengers;
    }

    /** Picks the app per call: Feishu for requests made in China, Lark elsewhere. */
    public SentMessage ask(LeaveRequest request, String region) {
        String app = region.equals("CN") ? "feishu" : "lark";
        return this.messengers.get(app).blocking().sendCard(new LeaveCard(request.approverId(), request.reason(),
                request.days(), request.applicantId(), "https://oa.example.com/leave/" + request.id(), request.id()));
    }

}
