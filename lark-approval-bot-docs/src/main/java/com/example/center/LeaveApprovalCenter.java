package com.example.center;

import java.time.Instant;
import java.util.stream.Stream;

import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionListener;
import io.github.larkapprovalbot.center.ApprovalCenter;
import io.github.larkapprovalbot.center.CenterText;
import io.github.larkapprovalbot.center.ExternalApprovalDefinition;
import io.github.larkapprovalbot.center.ExternalInstance;
import io.github.larkapprovalbot.center.ExternalInstanceSource;
import io.github.larkapprovalbot.center.InstanceStatus;
import io.github.larkapprovalbot.center.TaskStatus;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

@Component
public class LeaveApprovalCenter implements ExternalInstanceSource {

    private final ApprovalCenter center;

    private final LeaveRequests requests;   // your own store of leave requests

    public LeaveApprovalCenter(ApprovalCenter center, LeaveRequests requests) {
        this.center = center;
        this.requests = requests;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void define() {   // an upsert: each start may repeat it
        this.center.define(ExternalApprovalDefinition.builder("leave-request")
            .name(CenterText.of("请假", "Leave"))
            .group("hr", CenterText.of("人事", "HR"))
            .createLinks("https://oa.example.com/leave/new", "https://oa.example.com/m/leave/new")
            .viewer(ExternalApprovalDefinition.Viewer.TENANT)   // required: without viewers nobody sees it
            .build()).block();
    }

    /** When the request is made, and on every change. */
    public Mono<Void> sync(LeaveRequest request) {
        return this.center.sync(instance(request));
    }

    /** The loop: a click in the approval center (or on a bot card) records the decision and syncs again. */
    @ApprovalActionListener(actionType = { "APPROVE", "REJECT" })
    public Mono<Void> decide(ApprovalAction action) {
        LeaveRequest decided = this.requests.decide(action.actionContext(), action.actionType());
        return sync(decided);   // the task APPROVED or REJECTED, at a newer update_time: it moves to 已办
    }

    @Override
    public Stream<ExternalInstance> changedSince(Instant since) {   // what the reconciler compares with Lark
        return this.requests.changedSince(since).map(this::instance);
    }

    ExternalInstance instance(LeaveRequest request) {
        String link = "https://oa.example.com/leave/" + request.id();
        return ExternalInstance.builder("leave-request", request.id())
            .status(request.isPending() ? InstanceStatus.PENDING : InstanceStatus.valueOf(request.status()))
            .link(link)
            .title(CenterText.of("请假申请", "Leave request"))
            .initiatorUserId(request.applicantId())
            .startTime(request.createdAt())
            .updateTime(request.updatedAt())   // the version: it must increase with every change
            .task(ExternalInstance.Task.builder(request.id() + "-approval")
                .userId(request.approverId())
                .status(request.isPending() ? TaskStatus.PENDING : TaskStatus.valueOf(request.status()))
                .link(link)
                .createTime(request.createdAt())
                .updateTime(request.updatedAt())
                .actionContext(request.id())
                .approveAndReject())
            .cc(ExternalInstance.Cc.builder(request.id() + "-cc")
                .userId(request.applicantId())
                .link(link)
                .createTime(request.createdAt())
                .updateTime(request.createdAt()))
            .build();
    }

}
