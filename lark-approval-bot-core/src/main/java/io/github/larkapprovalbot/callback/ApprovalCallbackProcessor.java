package io.github.larkapprovalbot.callback;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.larkapprovalbot.apps.AppRegistry;
import io.github.larkapprovalbot.internal.TimeSource;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a quick-approval callback body into Lark's answer, whatever web stack received it: the body is decoded and
 * verified first (size, decryption, token, fields; see the refusals below), and only a verified click reaches the
 * handlers, once per click, within the deadline.
 * <ol>
 * <li>a body over the size limit: 413;</li>
 * <li>when a callback key is set, a plain or undecryptable body: 403;</li>
 * <li>a body that is not a JSON object, or whose fields have the wrong types: 422;</li>
 * <li>a missing or wrong {@code token} (compared in constant time): 401;</li>
 * <li>a click without {@code action_type}, {@code user_id} or {@code approval_code}: 400.</li>
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

	private final ApprovalCallbackDecoder decoder;

	private final ApprovalActionDispatcher dispatcher;

	private final String app;

	/**
	 * Creates the processor of the top-level app, with the default claim lease.
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
		this(AppRegistry.DEFAULT_APP, new CallbackSettings(token, callbackKey, deadline, duplicateWindow,
				CallbackSettings.DEFAULT_CLAIM_LEASE, maxBodyBytes), handlers, store, mapper);
	}

	/**
	 * Creates the processor of one app's callback endpoint; every click it passes on names that app
	 * ({@link ApprovalAction#app()}).
	 * @param app the app's configured name
	 * @param settings how the endpoint answers
	 * @param handlers the handlers, asked on each callback (so that handlers registered later are seen)
	 * @param store where clicks are claimed and their outcomes kept
	 * @param mapper the JSON mapper
	 */
	public ApprovalCallbackProcessor(String app, CallbackSettings settings,
			Supplier<List<ApprovalActionHandler>> handlers, ApprovalActionStore store, JsonMapper mapper) {
		this(app, settings, handlers, store, mapper, TimeSource.SYSTEM);
	}

	ApprovalCallbackProcessor(String app, CallbackSettings settings, Supplier<List<ApprovalActionHandler>> handlers,
			ApprovalActionStore store, JsonMapper mapper, TimeSource time) {
		this.app = app;
		this.decoder = new ApprovalCallbackDecoder(settings.token(), settings.key(), settings.maxBodyBytes(), mapper);
		this.dispatcher = new ApprovalActionDispatcher(app, handlers, store, settings.handlerTimeout(),
				settings.duplicateWindow(), settings.claimLease(), time);
	}

	/**
	 * Returns how the app's callbacks fare: whether clicks can be claimed, and what happened to the leases.
	 * @return the state now
	 */
	public ApprovalCallbackState state() {
		return this.dispatcher.state();
	}

	/**
	 * Returns the largest body accepted, for web adapters that stop reading past it.
	 * @return the limit in bytes
	 */
	public long maxBodyBytes() {
		return this.decoder.maxBodyBytes();
	}

	/**
	 * Returns the answer to a body over the size limit, for web adapters that stop reading there.
	 * @return HTTP 413 with a message
	 */
	public CallbackAnswer tooLarge() {
		return this.decoder.tooLarge();
	}

	@Override
	public String toString() {
		return "ApprovalCallbackProcessor[" + this.app + "]";
	}

	/**
	 * Answers a callback body.
	 * @param body the raw request body
	 * @return the answer, within the deadline; never an error
	 */
	public Mono<CallbackAnswer> process(byte[] body) {
		ApprovalCallbackDecoder.Decoded decoded = this.decoder.decode(body);
		ApprovalAction action = decoded.action();
		if (action == null) {
			return Mono.just(Objects.requireNonNull(decoded.refusal()));
		}
		return this.dispatcher.dispatch(action.withApp(this.app));
	}

}
