package com.example.center;

import java.time.Instant;
import java.util.stream.Stream;

/** Your own store of leave requests. */
public interface LeaveRequests {

    /** The requests changed since a time. */
    Stream<LeaveRequest> changedSince(Instant since);

    /** Records APPROVED or REJECTED with a newer updatedAt, and returns the request as it now is. */
    LeaveRequest decide(String requestId, String actionType);

}
