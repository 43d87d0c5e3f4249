package io.github.larkapprovalbot;


/**
 * A client-side rate limit would grant its next permit only after the call timeout. A retry would meet the same
 * limit no sooner, so the client does not retry it; the caller may try again later.
 */
final class PermitUnavailableException extends LarkTransientException {

	PermitUnavailableException(LarkEndpoint endpoint, String limit) {
		super(endpoint, 0, LarkApiException.NO_CODE,
				"client-side rate limit " + limit + ": no permit within the call timeout", null, null, false, null,
				null);
	}

}
