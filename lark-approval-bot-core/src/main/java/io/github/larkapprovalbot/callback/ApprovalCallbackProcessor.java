package io.github.larkapprovalbot.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.larkapprovalbot.callback.ApprovalActionStore.Claim;
import io.github.larkapprovalbot.internal.JsonObjects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a callback body into Lark's answer, whatever web stack received it:
 * <ol>
 * <li>refuse a body over the size limit (413);</li>
 * <li>when a callback key is set, decrypt {@code {"encrypt": ...}} (a plain or undecryptable body: 403);</li>
 * <li>refuse a body that is not a JSON object (422);</li>
 * <li>compare {@code token} with the configured token in constant time (missing or wrong: 401);</li>
 * <li>refuse a click without {@code action_type}, {@code user_id} or {@code approval_code}, or with fields of the
 * wrong type (400 and 422);</li>
 * <li>run the handlers that support the click, once per click (see {@link ApprovalAction#clickId()}) in everything
 * that shares the {@link ApprovalActionStore}.</li>
 * </ol>
 * Application code is never called for a refused body. Every refusal carries a {@code message} Lark shows.
 * <p>
 * The deadline bounds the answer, never the work. Handlers run off the calling thread (each on a Reactor
 * bounded-elastic thread) and outside any lock; when they are not done by the deadline, Lark is answered with a
 * failure that asks the approver to try again shortly, and the handlers go on to their end, never interrupted. Only
 * outcomes are remembered, for the duplicate window: a success, or a refusal
 * ({@link ApprovalActionRejectedException}). A delivery of a click that has such an outcome gets it without running
 * the handlers; one that arrives while they still run waits for the same run, within the deadline; a failed run is
 * forgotten, so that the next try runs the handlers again.
 */
public final class ApprovalCallbackProcessor {

	private static final Log logger = LogFactory.getLog(ApprovalCallbackProcessor.class);

	private static final String TRY_AGAIN_SHORTLY = "The approval system is still working on this. Please try again "
			+ "in a few seconds.";

	private final byte[] token;

	private final @Nullable CallbackCrypto crypto;

	private final Supplier<List<ApprovalActionHandler>> handlers;

	private final ApprovalActionStore store;

	private final Duration deadline;

	private final Duration duplicateWindow;

	private final long maxBodyBytes;

	private final JsonMapper mapper;

	/**
	 * Creates a processor.
	 * @param token the {@code action_callback_token} cards are sent with
	 * @param callbackKey the {@code action_callback_key}, or {@code null} for plain callbacks
	 * @param handlers the handlers, asked on each callback (so that handlers registered later are seen)
	 * @param store where clicks are claimed and their outcomes kept
	 * @param deadline longest time Lark waits for an answer
	 * @param duplicateWindow how long an outcome answers repeated deliveries of its click
	 * @param maxBodyBytes largest body accepted
	 * @param mapper the JSON mapper
	 */
	public ApprovalCallbackProcessor(String token, @Nullable String callbackKey,
			Supplier<List<ApprovalActionHandler>> handlers, ApprovalActionStore store, Duration deadline,
			Duration duplicateWindow, long maxBodyBytes, JsonMapper mapper) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
		this.crypto = (callbackKey != null && !callbackKey.isEmpty()) ? new CallbackCrypto(callbackKey) : null;
		this.handlers = handlers;
		this.store = store;
		this.deadline = deadline;
		this.duplicateWindow = duplicateWindow;
		this.maxBodyBytes = maxBodyBytes;
		this.mapper = mapper;
	}

	/**
	 * Returns the largest body accepted, for web adapters that stop reading past it.
	 * @return the limit in bytes
	 */
	public long maxBodyBytes() {
		return this.maxBodyBytes;
	}

	/**
	 * Returns the answer to a body over the size limit, for web adapters that stop reading there.
	 * @return HTTP 413 with a message
	 */
	public CallbackAnswer tooLarge() {
		return CallbackAnswer.failure(413, "The callback is larger than " + this.maxBodyBytes + " bytes.");
	}

	/**
	 * Answers a callback body.
	 * @param body the raw request body
	 * @return the answer, within the deadline; never an error
	 */
	public Mono<CallbackAnswer> process(byte[] body) {
		if (body.length > this.maxBodyBytes) {
			return Mono.just(tooLarge());
		}
		JsonNode json = JsonObjects.parse(body, this.mapper);
		if (this.crypto != null) {
			String encrypted = (json != null) ? json.path("encrypt").asString(null) : null;
			if (encrypted == null) {
				return refuse(403, "The callback is not encrypted with the expected key.");
			}
			try {
				json = JsonObjects.parse(this.crypto.decrypt(encrypted), this.mapper);
			}
			catch (IllegalArgumentException ex) {
				return refuse(403, "The callback could not be decrypted.");
			}
			if (json == null) {
				return refuse(403, "The callback could not be decrypted.");
			}
		}
		if (json == null) {
			return refuse(422, "The callback is not a JSON object.");
		}
		String presented = json.path("token").asString(null);
		if (presented == null || !MessageDigest.isEqual(this.token, presented.getBytes(StandardCharsets.UTF_8))) {
			return refuse(401, "The callback token is missing or wrong.");
		}
		ApprovalAction action;
		try {
			action = this.mapper.treeToValue(json, ApprovalAction.class);
		}
		catch (JacksonException ex) {
			return refuse(422, "The callback fields do not have the documented types.");
		}
		List<String> missing = missing(action);
		if (!missing.isEmpty()) {
			return refuse(400, "The callback is not a quick-approval click: it has no " + String.join(", ", missing)
					+ ".");
		}
		String clickId = action.clickId();
		if (clickId == null) {
			return withinDeadline(start(action, null));
		}
		return this.store.claim(clickId).flatMap((claim) -> {
			if (claim instanceof Claim.Done done) {
				return Mono.just(done.outcome());
			}
			if (claim instanceof Claim.Won won) {
				return withinDeadline(start(action, won));
			}
			// Running elsewhere: wait for the same run. Empty: it failed, and the next try runs it again.
			return withinDeadline(this.store.awaitOutcome(clickId).switchIfEmpty(Mono.fromSupplier(
					() -> CallbackAnswer.failure(500, "The approval system could not process this action. Please "
							+ "try again."))));
		}).onErrorResume((ex) -> {
			logger.error("Could not claim a quick-approval click; Lark is told to try again", ex);
			return Mono.just(CallbackAnswer.failure(503, "The approval system is unavailable. Please try again."));
		});
	}

	/**
	 * Starts a run of the handlers that no caller's cancellation or deadline stops, and records its outcome (or
	 * releases the claim of a failed run).
	 * @return the run's answer, to wait for
	 */
	private Mono<CallbackAnswer> start(ApprovalAction action, Claim.@Nullable Won claim) {
		Sinks.One<CallbackAnswer> answer = Sinks.one();
		run(action).flatMap((outcome) -> (claim != null) ? remember(claim, outcome) : Mono.just(outcome))
			.onErrorResume((ex) -> {
				CallbackAnswer failure = failure(action, ex);
				return (claim != null) ? this.store.release(claim).onErrorResume((releaseFailure) -> {
					logger.error("Could not release the claim of a failed quick-approval click", releaseFailure);
					return Mono.empty();
				}).thenReturn(failure) : Mono.just(failure);
			})
			.subscribe(answer::tryEmitValue);
		return answer.asMono();
	}

	private Mono<CallbackAnswer> remember(Claim.Won claim, CallbackAnswer outcome) {
		return this.store.complete(claim, outcome, this.duplicateWindow).onErrorResume((ex) -> {
			// The handlers did their work: Lark gets their answer even though a repeat may not find it.
			logger.error("Could not record the outcome of a quick-approval click", ex);
			return Mono.empty();
		}).thenReturn(outcome);
	}

	/**
	 * Runs every handler that supports the click, one after the other, each called on a bounded-elastic thread.
	 * @return success, or a deliberate refusal; an error for anything else
	 */
	private Mono<CallbackAnswer> run(ApprovalAction action) {
		return Mono.fromCallable(() -> this.handlers.get().stream().filter((h) -> h.supports(action)).toList())
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((matching) -> {
				if (matching.isEmpty()) {
					return Mono.error(new Unhandled(action));
				}
				return Flux.fromIterable(matching)
					.concatMap((handler) -> Mono.defer(() -> handler.handle(action))
						.subscribeOn(Schedulers.boundedElastic()))
					.then(Mono.fromSupplier(CallbackAnswer::ok));
			})
			.onErrorResume(ApprovalActionRejectedException.class,
					(rejected) -> Mono.just(CallbackAnswer.failure(500, rejected.userMessage())));
	}

	private Mono<CallbackAnswer> withinDeadline(Mono<CallbackAnswer> answer) {
		return answer.timeout(this.deadline, Mono.fromSupplier(() -> {
			logger.warn("Quick-approval handlers took longer than " + this.deadline
					+ "; Lark is asked to try again, and the handlers go on");
			return CallbackAnswer.failure(504, TRY_AGAIN_SHORTLY);
		}));
	}

	private static CallbackAnswer failure(ApprovalAction action, Throwable ex) {
		if (ex instanceof Unhandled) {
			logger.warn(ex.getMessage());
			return CallbackAnswer.failure(501, "This action is not handled by the approval system.");
		}
		logger.error("Approval action handler failed for " + action.actionType() + " of task " + action.taskId(), ex);
		return CallbackAnswer.failure(500, "The approval system could not process this action. Please try again.");
	}

	private static List<String> missing(ApprovalAction action) {
		List<String> missing = new ArrayList<>();
		if (isBlank(action.actionType())) {
			missing.add("action_type");
		}
		if (isBlank(action.userId())) {
			missing.add("user_id");
		}
		if (isBlank(action.approvalCode())) {
			missing.add("approval_code");
		}
		return missing;
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private static Mono<CallbackAnswer> refuse(int status, String message) {
		if (logger.isDebugEnabled()) {
			logger.debug("Refused a quick-approval callback: " + status + " " + message);
		}
		return Mono.just(CallbackAnswer.failure(status, message));
	}

	/** No handler supports the click: a failure, not an outcome, so that a handler deployed later gets it. */
	private static final class Unhandled extends RuntimeException {

		Unhandled(ApprovalAction action) {
			super("No ApprovalActionHandler supports " + action.actionType() + " of " + action.approvalCode(), null,
					false, false);
		}

	}

}
