package io.github.larkapprovalbot.sample;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.github.larkapprovalbot.outbox.LarkOutbox;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /leave-requests} creates a request and, in the same transaction, records through the outbox its sync to
 * Lark's approval center (a task in the approver's 待办, a CC to the applicant) and the approver's 1008 card with
 * quick-approval buttons: both go out after the commit, and neither without the request. JDBC blocks, so the work
 * runs off WebFlux's event loop.
 */
@RestController
@RequestMapping("/leave-requests")
class LeaveRequestController {

	private final LeaveRequests requests;

	private final LarkOutbox outbox;

	private final SampleProperties properties;

	private final LeaveApprovalCenter center;

	private final TransactionTemplate transactions;

	LeaveRequestController(LeaveRequests requests, LarkOutbox outbox, SampleProperties properties,
			LeaveApprovalCenter center, TransactionTemplate transactions) {
		this.requests = requests;
		this.outbox = outbox;
		this.properties = properties;
		this.center = center;
		this.transactions = transactions;
	}

	record NewLeaveRequest(String applicantId, String approverId, String reason, int days) {
	}

	@PostMapping
	Mono<ResponseEntity<LeaveRequest>> create(@RequestBody NewLeaveRequest body) {
		if (isBlank(body.applicantId()) || isBlank(body.approverId()) || isBlank(body.reason()) || body.days() < 1) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"applicantId, approverId, reason and days (at least 1) are required"));
		}
		return Mono.fromCallable(() -> this.transactions.execute((status) -> {
			Instant now = Instant.now();
			LeaveRequest request = new LeaveRequest(UUID.randomUUID().toString(), body.applicantId(),
					body.approverId(), body.reason(), body.days(), "PENDING", null, now, now);
			this.requests.insert(request);
			this.outbox.sync(this.center.instance(request));
			// The card's uuid is the request's id (@Uuid), so the outbox knows the card by the request's id.
			this.outbox.sendCard(new PendingLeaveCard(request.approverId(), request.applicantId(), request.reason(),
					request.days(), this.properties.detailBaseUrl() + "/" + request.id(), request.id()));
			return request;
		}))
			.subscribeOn(Schedulers.boundedElastic())
			.map((saved) -> ResponseEntity.status(HttpStatus.CREATED).body(saved));
	}

	@GetMapping("/{id}")
	Mono<LeaveRequest> get(@PathVariable String id) {
		return Mono.fromCallable(() -> this.requests.find(id).orElse(null))
			.subscribeOn(Schedulers.boundedElastic())
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
	}

	@GetMapping
	Mono<List<LeaveRequest>> all() {
		return Mono.fromCallable(this.requests::all).subscribeOn(Schedulers.boundedElastic());
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
