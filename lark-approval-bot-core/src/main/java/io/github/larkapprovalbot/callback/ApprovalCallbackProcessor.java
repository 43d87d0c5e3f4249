package io.github.larkapprovalbot.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.larkapprovalbot.internal.JsonObjects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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
 * <li>run the handlers that support the action, once per message, task and action within the de-duplication window,
 * and no longer than the deadline (500 with the handler's message on failure, 504 past the deadline).</li>
 * </ol>
 * Application code is never called for a refused body.
 */
public final class ApprovalCallbackProcessor {

	private static final Log logger = LogFactory.getLog(ApprovalCallbackProcessor.class);

	private final byte[] token;

	private final @Nullable CallbackCrypto crypto;

	private final Supplier<List<ApprovalActionHandler>> handlers;

	private final ApprovalActionStore store;

	private final Duration deadline;

	private final long maxBodyBytes;

	private final JsonMapper mapper;

	/**
	 * Creates a processor.
	 * @param token the {@code action_callback_token} cards are sent with
	 * @param callbackKey the {@code action_callback_key}, or {@code null} for plain callbacks
	 * @param handlers the handlers, asked on each callback (so that handlers registered later are seen)
	 * @param store remembers answers for de-duplication
	 * @param deadline longest time the handlers may take
	 * @param maxBodyBytes largest body accepted
	 * @param mapper the JSON mapper
	 */
	public ApprovalCallbackProcessor(String token, @Nullable String callbackKey,
			Supplier<List<ApprovalActionHandler>> handlers,
			ApprovalActionStore store, Duration deadline, long maxBodyBytes, JsonMapper mapper) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
		this.crypto = (callbackKey != null && !callbackKey.isEmpty()) ? new CallbackCrypto(callbackKey) : null;
		this.handlers = handlers;
		this.store = store;
		this.deadline = deadline;
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
	 * @return the answer; never an error
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
		return this.store.firstAnswer(key(action), () -> dispatch(action));
	}

	private Mono<CallbackAnswer> dispatch(ApprovalAction action) {
		List<ApprovalActionHandler> matching = this.handlers.get().stream().filter((h) -> h.supports(action)).toList();
		if (matching.isEmpty()) {
			logger.warn("No ApprovalActionHandler supports " + action.actionType() + " of " + action.approvalCode());
			return Mono.just(CallbackAnswer.failure(501, "This action is not handled by the approval system."));
		}
		return Flux.fromIterable(matching)
			.concatMap((handler) -> Mono.defer(() -> handler.handle(action)))
			.then(Mono.fromSupplier(CallbackAnswer::ok))
			.timeout(this.deadline)
			.onErrorResume((ex) -> Mono.just(failure(action, ex)));
	}

	private CallbackAnswer failure(ApprovalAction action, Throwable ex) {
		if (ex instanceof ApprovalActionRejectedException rejected) {
			return CallbackAnswer.failure(500, rejected.userMessage());
		}
		if (ex instanceof TimeoutException) {
			logger.warn("Approval action handlers took longer than " + this.deadline + " for task "
					+ action.taskId() + "; Lark is told it failed");
			return CallbackAnswer.failure(504, "The approval system did not answer in time. Please try again.");
		}
		logger.error("Approval action handler failed for task " + action.taskId(), ex);
		return CallbackAnswer.failure(500, "The approval system could not process this action. Please try again.");
	}

	/** The same click: message (or instance when Lark omits it), task and action. */
	private static String key(ApprovalAction action) {
		String message = (action.messageId() != null && !action.messageId().isEmpty()) ? action.messageId()
				: "instance:" + action.instanceId();
		return message + "|" + action.taskId() + "|" + action.actionType();
	}

	private static Mono<CallbackAnswer> refuse(int status, String message) {
		if (logger.isDebugEnabled()) {
			logger.debug("Refused a quick-approval callback: " + status + " " + message);
		}
		return Mono.just(CallbackAnswer.failure(status, message));
	}

}
