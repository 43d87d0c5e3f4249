package com.example.callbacks;

/** The application's own leave balances. */
public interface LeaveBalances {

    /** Takes the request's days from the applicant's balance; false when it is too low. */
    boolean take(String requestId, String approverId);

}
