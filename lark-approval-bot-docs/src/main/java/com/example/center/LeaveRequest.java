package com.example.center;

import java.time.Instant;

/** A leave request of your own application; status is PENDING, APPROVED or REJECTED. */
public record LeaveRequest(String id, String applicantId, String approverId, String status, Instant createdAt,
        Instant updatedAt) {

    public boolean isPending() {
        return this.status.equals("PENDING");
    }

}
