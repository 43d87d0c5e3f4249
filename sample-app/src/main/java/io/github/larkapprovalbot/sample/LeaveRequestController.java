package io.github.larkapprovalbot.sample;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /leave-requests} creates a request, syncs it to Lark's approval center (a task in the approver's 待办,
 * a CC to the applicant) and sends the approver a 1008 card with quick-approval buttons.
 */
@RestController
@RequestMapping("/leave-requests")
class LeaveRequestController {

	private final LeaveRequests requests;

	private final ApprovalBotMessenger messenger;

	private final SampleProperties properties;

	private final LeaveApprovalCenter center;

	LeaveRequestController(LeaveRequests requests, ApprovalBotMessenger messenger, SampleProperties properties,
			LeaveApprovalCenter center) {
		this.requests = requests;
		this.messenger = messenger;
		this.properties = properties;
		this.center = center;
	}

	record NewLeaveRequest(String applicantId, String approverId, String reason, int days) {
	}

	@PostMapping
	Mono<ResponseEntity<LeaveRequest>> create(@RequestBody NewLeaveRequest body) {
		if (isBlank(body.applicantId()) || isBlank(body.approverId()) || isBlank(body.reason()) || body.days() < 1) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"applicantId, approverId, reason and days (at least 1) are required"));
		}
		Instant now = Instant.now();
		LeaveRequest request = this.requests.save(new LeaveRequest(UUID.randomUUID().toString(), body.applicantId(),
				body.approverId(), body.reason(), body.days(), "PENDING", null, now, now));
		PendingLeaveCard card = new PendingLeaveCard(request.approverId(), request.applicantId(), request.reason(),
				request.days(), this.properties.detailBaseUrl() + "/" + request.id(), request.id());
		// The task shows in the approver's 待办 list of Lark's approval center, and the card reaches them in chat.
		return this.center.sync(request)
			.then(this.messenger.sendCard(card))
			.map((sent) -> this.requests.update(request.id(), (r) -> r.withMessageId(sent.messageId())).orElseThrow())
			.map((saved) -> ResponseEntity.status(HttpStatus.CREATED).body(saved));
	}

	@GetMapping("/{id}")
	Mono<LeaveRequest> get(@PathVariable String id) {
		return Mono.justOrEmpty(this.requests.find(id))
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
	}

	@GetMapping
	Collection<LeaveRequest> all() {
		return this.requests.all();
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
