package io.github.larkapprovalbot.sample;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Repository;

/**
 * The sample's store of leave requests (in memory).
 */
@Repository
public class LeaveRequests {

	private final Map<String, LeaveRequest> requests = new ConcurrentHashMap<>();

	LeaveRequest save(LeaveRequest request) {
		this.requests.put(request.id(), request);
		return request;
	}

	Optional<LeaveRequest> find(String id) {
		return Optional.ofNullable(this.requests.get(id));
	}

	Optional<LeaveRequest> update(String id, UnaryOperator<LeaveRequest> change) {
		return Optional.ofNullable(this.requests.computeIfPresent(id, (key, request) -> change.apply(request)));
	}

	Collection<LeaveRequest> all() {
		return this.requests.values();
	}

}
