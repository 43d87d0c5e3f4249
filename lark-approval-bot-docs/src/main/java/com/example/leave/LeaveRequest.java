package com.example.leave;

/** A leave request of your own application. */
public record LeaveRequest(String id, String applicantId, String approverId, String reason, int days) {
}
