package com.example.outbox;

import com.example.leave.LeaveCard;
import com.example.leave.LeaveRequest;
import io.github.larkapprovalbot.outbox.LarkOutbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class LeaveRequestService {

    private final JdbcClient jdbc;

    private final LarkOutbox outbox;

    public LeaveRequestService(JdbcClient jdbc, LarkOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Saves the request and its card in one transaction: the card goes out after the commit, or never. */
    @Transactional
    public String create(LeaveRequest request) {
        this.jdbc.sql("INSERT INTO leave_request (id, applicant_id, approver_id, reason, days) VALUES (?, ?, ?, ?, ?)")
            .params(request.id(), request.applicantId(), request.approverId(), request.reason(), request.days())
            .update();
        return this.outbox.sendCard(new LeaveCard(request.approverId(), request.reason(), request.days(),
                request.applicantId(), "https://oa.example.com/leave/" + request.id(), request.id()));
        // returns the card's uuid, also its outbox id: outbox.find(id) tells when it went out
    }

}
