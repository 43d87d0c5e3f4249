package io.github.larkapprovalbot.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.LarkApiException;
import io.github.larkapprovalbot.LarkAuthenticationException;
import io.github.larkapprovalbot.LarkEndpoint;
import io.github.larkapprovalbot.LarkTransientException;
import io.github.larkapprovalbot.SentMessage;
import io.github.larkapprovalbot.UserIdType;
import io.github.larkapprovalbot.card.CardPatch;
import io.github.larkapprovalbot.center.ExternalInstance;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.micrometer.observation.Observation;
import jakarta.validation.ConstraintViolationException;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;

/**
 * Delivers an app's rows on a thread of its own: claims due rows, decides what each may still do, calls Lark through
 * the app's messenger (its rate limits, retries within a call's budget, observations), and records each outcome.
 */
final class OutboxWorker {

	private static final Log logger = LogFactory.getLog(OutboxWorker.class);

	/** Lark de-duplicates a send on its uuid for an hour. */
	static final Duration UUID_WINDOW = Duration.ofHours(1);

	private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);

	private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

	private final String app;

	private final String owner = UUID.randomUUID().toString();

	private final OutboxTable table;

	private final ApprovalBotMessenger messenger;

	private final JsonMapper mapper;

	private final Clock clock;

	private final Duration lease;

	private final Duration maxBackoff;

	private final Duration pollInterval;

	private final Duration retention;

	private final int batchSize;

	private final Duration shutdownTimeout;

	private final Consumer<OutboxDeliveryFailedEvent> failureListener;

	private final ObservationRegistry observations;

	private final Thread thread;

	private final Object signal = new Object();

	private boolean woken;

	private volatile boolean running = true;

	private volatile long closeDeadline = Long.MAX_VALUE;

	private long lastPurge = Long.MIN_VALUE;

	private @Nullable String lastProblem;

	OutboxWorker(LarkOutboxBuilder builder, OutboxTable table) {
		this.app = builder.appName;
		this.table = table;
		this.messenger = builder.messenger;
		this.mapper = builder.jsonMapper;
		this.clock = builder.clock;
		this.lease = builder.lease;
		this.maxBackoff = builder.maxBackoff;
		this.pollInterval = builder.pollInterval;
		this.retention = builder.retention;
		this.batchSize = builder.batchSize;
		this.shutdownTimeout = builder.shutdownTimeout;
		this.failureListener = builder.failureListener;
		this.observations = builder.observations;
		this.thread = new Thread(this::run, "lark-outbox-" + this.app);
		this.thread.setDaemon(true);
	}

	/** Starts the thread once; a closed worker stays closed. */
	synchronized void start() {
		if (this.running && !this.thread.isAlive() && this.thread.getState() == Thread.State.NEW) {
			this.thread.start();
		}
	}

	void wake() {
		synchronized (this.signal) {
			this.woken = true;
			this.signal.notifyAll();
		}
	}

	/** Stops claiming; the batch in flight finishes within the shutdown timeout or is released. */
	void close() {
		if (!this.running) {
			return;
		}
		if (this.thread.getState() == Thread.State.NEW) {
			this.running = false;
			return;
		}
		this.closeDeadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		this.running = false;
		wake();
		try {
			this.thread.join(this.shutdownTimeout.plusSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void run() {
		Duration wait = this.pollInterval;
		while (this.running) {
			try {
				purge();
				long now = this.clock.millis();
				List<OutboxRow> rows = this.table.claim(this.app, this.owner, now, now + this.lease.toMillis(),
						this.batchSize);
				if (!this.running) {
					// Claimed while closing: given back untouched.
					rows.forEach((row) -> this.table.release(row.id(), this.owner, false));
				}
				else if (rows.isEmpty()) {
					await(this.pollInterval);
				}
				else {
					deliver(rows);
				}
				wait = this.pollInterval;
				recovered();
			}
			catch (DataAccessException ex) {
				problem("cannot reach its table (" + ex.getMostSpecificCause() + "); trying again in " + wait.toMillis()
						+ " ms", ex);
				await(wait);
				wait = min(wait.multipliedBy(2), this.maxBackoff);
			}
			catch (Throwable ex) {
				// Whatever it is, the worker goes on: rows left claimed are taken back when their lease runs out.
				problem("failed (" + ex + "); trying again in " + wait.toMillis() + " ms", ex);
				await(wait);
			}
		}
	}

	/**
	 * Each row's attempt, concurrently; outcomes are recorded here, on this thread, as they come. What a row's history
	 * decides is recorded once the calls are under way, so that a slow failure listener delays no call.
	 */
	private void deliver(List<OutboxRow> rows) {
		Map<String, OutboxRow> open = new LinkedHashMap<>();
		Set<String> started = ConcurrentHashMap.newKeySet();
		BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
		List<Outcome> settled = new ArrayList<>();
		List<Mono<Outcome>> attempts = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			Outcome outcome = settleBeforeAttempt(row);
			if (outcome != null) {
				settled.add(outcome);
			}
			else {
				open.put(row.id(), row);
				attempts.add(attempt(row, started));
			}
		}
		Disposable calls = Flux.merge(attempts).subscribe(outcomes::add, outcomes::add);
		try {
			settled.forEach(this::record);
			long giveUp = System.nanoTime() + this.lease.toNanos();
			while (!open.isEmpty()) {
				Object next = outcomes.poll(this.running ? 200 : Math.max(0, remainingMillis()), TimeUnit.MILLISECONDS);
				if (next instanceof Outcome outcome) {
					open.remove(outcome.row().id());
					record(outcome);
				}
				else if (next instanceof Throwable failure) {
					logger.error("Lark outbox of app " + this.app + ": delivering a batch failed", failure);
					return;
				}
				else if ((!this.running && remainingMillis() <= 0) || System.nanoTime() > giveUp) {
					// Past the shutdown timeout, or the lease: the calls are cancelled and their rows go back.
					logger.info("Lark outbox of app " + this.app + " gives back " + open.size() + " rows still "
							+ "being delivered" + (this.running ? " after its lease" : " at shutdown"));
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			this.running = false;
		}
		finally {
			calls.dispose();
			// A row whose call started keeps its attempt, of unknown outcome; the others were never sent.
			open.keySet().forEach((id) -> this.table.release(id, this.owner, started.contains(id)));
		}
	}

	/** What a row's history decides before any call: a takeover, a passed uuid window, a newer sync, a lost card. */
	private @Nullable Outcome settleBeforeAttempt(OutboxRow row) {
		Long unknownAttempt = row.attemptStartedAt();
		if (unknownAttempt != null && row.kind() == OutboxCallKind.SEND_HELPDESK) {
			return Outcome.end(row, OutboxState.UNCERTAIN, "an attempt started at " + Instant.ofEpochMilli(unknownAttempt)
					+ " never recorded its outcome (its instance stopped or died): the message may have reached Lark, "
					+ "which has no idempotency key for it", null);
		}
		if (row.kind() == OutboxCallKind.SYNC && this.table.hasNewerSync(row)) {
			return Outcome.end(row, OutboxState.COALESCED, null, null);
		}
		if (row.kind() == OutboxCallKind.UPDATE || row.kind() == OutboxCallKind.PATCH_CARD) {
			OutboxRow card = this.table.findSend(this.app, Objects.requireNonNull(row.target())).orElse(null);
			if (card != null && card.state() == OutboxState.PENDING) {
				// Its card is not delivered yet (committed while this batch was claimed): it waits for it.
				return Outcome.retry(row, this.clock.millis() + MIN_BACKOFF.toMillis(), null, row.lastError());
			}
			if (card != null && card.state() != OutboxState.DELIVERED) {
				// An update of a card that failed or ended uncertain ends the same way.
				return Outcome.end(row, (card.state() == OutboxState.UNCERTAIN) ? OutboxState.UNCERTAIN
						: OutboxState.FAILED, "the card it refers to (" + card.id() + ") was not delivered: it is "
								+ card.state() + "; retry this row once it is", null);
			}
		}
		return null;
	}

	/** When an attempt that may have reached Lark started, counting one whose outcome was never recorded. */
	private static @Nullable Long maybeSent(OutboxRow row) {
		return (row.maybeSentAt() != null) ? row.maybeSentAt() : row.attemptStartedAt();
	}

	/**
	 * The row's call, decided when it is subscribed: a send whose uuid window this attempt could outlast ends
	 * uncertain instead (a lease bounds how long the attempt can take).
	 */
	private Mono<Outcome> attempt(OutboxRow row, Set<String> started) {
		return Mono.defer(() -> {
			long now = this.clock.millis();
			Long maybeSent = maybeSent(row);
			if (row.kind() == OutboxCallKind.SEND && maybeSent != null
					&& now + this.lease.toMillis() > maybeSent + UUID_WINDOW.toMillis()) {
				return Mono.just(Outcome.end(row, OutboxState.UNCERTAIN, "an attempt at " + Instant.ofEpochMilli(maybeSent)
						+ " may have reached Lark, and Lark's one-hour uuid window has passed: a repeat could show a "
						+ "second card" + ((row.lastError() != null) ? "; last failure: " + row.lastError() : ""),
						null));
			}
			started.add(row.id());
			Observation observation = Observation.createNotStarted("lark.approval-bot.outbox.deliveries", this.observations)
				.lowCardinalityKeyValue("app", this.app)
				.lowCardinalityKeyValue("kind", row.kind().name().toLowerCase(Locale.ROOT))
				.start();
			return Mono.defer(() -> call(row))
				.map((messageId) -> Outcome.delivered(row, messageId))
				.onErrorResume((ex) -> Mono.just(failed(row, ex, now)))
				.doOnNext((outcome) -> {
					observation.lowCardinalityKeyValue("outcome", outcome.name());
					observation.stop();
				});
		});
	}

	/** The call a row holds; emits the message id Lark answers with, or an empty string when it has none. */
	private Mono<String> call(OutboxRow row) {
		String payload = row.payload();
		return switch (row.kind()) {
			case SEND -> this.messenger.send(this.mapper.readValue(payload, ApprovalBotMessage.class))
				.map(SentMessage::messageId);
			case UPDATE -> {
				ApprovalBotMessageUpdate update = this.mapper.readValue(payload, ApprovalBotMessageUpdate.class);
				String messageId = messageId(row);
				yield this.messenger
					.update(new ApprovalBotMessageUpdate(messageId, update.status(), update.statusName(),
							update.detailActionName(), update.i18nResources()))
					.map(SentMessage::messageId);
			}
			case PATCH_CARD -> {
				String messageId = messageId(row);
				yield this.messenger
					.patchCard(messageId, Objects.requireNonNull(this.mapper.readValue(payload, CardPatch.class).content()))
					.thenReturn(messageId);
			}
			case SEND_HELPDESK -> this.messenger
				.sendHelpdesk(this.mapper.readValue(payload, HelpdeskBotMessage.class),
						UserIdType.valueOf(Objects.requireNonNull(row.target())))
				.map(SentMessage::messageId);
			case SYNC -> this.messenger.approvalCenter()
				.sync(this.mapper.readValue(payload, ExternalInstance.class))
				.thenReturn("");
		};
	}

	/** Lark's id of the message an update or patch goes to: the card's, when it names one of this outbox. */
	private String messageId(OutboxRow row) {
		String reference = Objects.requireNonNull(row.target());
		return this.table.findSend(this.app, reference)
			.map((card) -> Objects.requireNonNull(card.messageId(), "the card has no message id"))
			.orElse(reference);
	}

	/** What a failed attempt leaves: a retry when a repeat cannot deliver twice, else an end. */
	private Outcome failed(OutboxRow row, Throwable ex, long started) {
		Long maybeSent = maybeSent(row);
		if (maybeSent == null && row.kind() == OutboxCallKind.SEND && mayHaveReached(row, ex)) {
			maybeSent = started;
		}
		if (ex instanceof LarkTransientException failure) {
			if (row.kind() == OutboxCallKind.SEND_HELPDESK && mayHaveReached(row, ex)) {
				return Outcome.end(row, OutboxState.UNCERTAIN, failure.getMessage(), null);
			}
			Duration backoff = backoff(row.attempts() + 1);
			Duration asked = failure.retryAfter();
			Duration wait = (asked != null && asked.compareTo(backoff) > 0) ? asked : backoff;
			return Outcome.retry(row, this.clock.millis() + wait.toMillis(), maybeSent, failure.getMessage());
		}
		if (ex instanceof LarkAuthenticationException) {
			// Lark refused the app's credentials, not the call: the call goes once they are fixed.
			return Outcome.retry(row, this.clock.millis() + backoff(row.attempts() + 1).toMillis(), maybeSent,
					ex.getMessage());
		}
		if (ex instanceof LarkApiException) {
			// A terminal answer, never repeated; after an earlier attempt that may have reached Lark, the card may be
			// there all the same.
			return Outcome.end(row, (maybeSent != null && row.kind() == OutboxCallKind.SEND) ? OutboxState.UNCERTAIN
					: OutboxState.FAILED, ex.getMessage(), null);
		}
		if (ex instanceof JacksonException || ex instanceof ConstraintViolationException
				|| ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
				|| ex instanceof UnsupportedOperationException || ex instanceof NullPointerException) {
			// A row that can never be sent as it is, or a messenger that cannot send it (no helpdesk credentials).
			return Outcome.end(row, OutboxState.FAILED, ex.toString(), null);
		}
		// Anything else failed before the request left (the client maps every failure of the exchange to a
		// LarkApiException): the client is closing, or starting at a bad moment. The row waits for another attempt.
		logger.warn("Lark outbox of app " + this.app + ": " + row.kind() + " " + row.id() + " failed before it was "
				+ "sent; trying again", ex);
		return Outcome.retry(row, this.clock.millis() + backoff(row.attempts() + 1).toMillis(), maybeSent, ex.toString());
	}

	/**
	 * Whether this attempt may have reached Lark: its own failure says so, or an earlier try within the call did (the
	 * client puts that failure among the suppressed ones of a failure of another kind).
	 */
	private static boolean mayHaveReached(OutboxRow row, Throwable ex) {
		LarkEndpoint endpoint = endpoint(row.kind());
		if (ex instanceof LarkTransientException failure && failure.isAmbiguous() && failure.endpoint() == endpoint) {
			return true;
		}
		for (Throwable earlier : ex.getSuppressed()) {
			if (earlier instanceof LarkTransientException failure && failure.isAmbiguous()
					&& failure.endpoint() == endpoint) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable LarkEndpoint endpoint(OutboxCallKind kind) {
		return switch (kind) {
			case SEND -> LarkEndpoint.MESSAGE_SEND;
			case SEND_HELPDESK -> LarkEndpoint.HELPDESK_MESSAGE;
			default -> null;
		};
	}

	/** 1 s, doubled with every attempt, at most the ceiling, spread by a fifth so instances do not move in step. */
	private Duration backoff(int attempts) {
		long base = Math.min(this.maxBackoff.toMillis(), MIN_BACKOFF.toMillis() << Math.min(attempts - 1, 30));
		long spread = base / 5;
		return Duration.ofMillis(base - spread + ThreadLocalRandom.current().nextLong(spread + 1));
	}

	private void record(Outcome outcome) {
		OutboxRow row = outcome.row();
		long now = this.clock.millis();
		boolean ours = this.table.finish(row.id(), this.owner, outcome.state(), outcome.dueAt(), outcome.maybeSentAt(),
				outcome.messageId(), outcome.error(), now);
		if (!ours) {
			logger.warn("Lark outbox of app " + this.app + ": row " + row.id() + " was taken over by another instance "
					+ "before its outcome (" + outcome.name() + ") was recorded");
			return;
		}
		if (outcome.state().needsDecision()) {
			logger.warn("Lark outbox of app " + this.app + ": " + row.kind() + " " + row.id() + " ended "
					+ outcome.state() + ": " + outcome.error());
			try {
				this.failureListener.accept(new OutboxDeliveryFailedEvent(row.id(), this.app, row.kind(), row.payload(),
						Objects.requireNonNullElse(outcome.error(), outcome.state().name()), outcome.state()));
			}
			catch (RuntimeException ex) {
				logger.error("A listener of the Lark outbox's failures failed", ex);
			}
		}
	}

	private void purge() {
		long now = this.clock.millis();
		if (this.lastPurge != Long.MIN_VALUE && now - this.lastPurge < PURGE_INTERVAL.toMillis()) {
			return;
		}
		this.lastPurge = now;
		int purged = this.table.purge(this.app, now - this.retention.toMillis());
		if (purged > 0 && logger.isDebugEnabled()) {
			logger.debug("Lark outbox of app " + this.app + " purged " + purged + " rows");
		}
	}

	private void await(Duration timeout) {
		synchronized (this.signal) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (!this.woken && this.running) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					break;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.signal, left);
				}
				catch (InterruptedException ex) {
					// Only a close interrupts this thread: it stops.
					this.running = false;
					return;
				}
			}
			this.woken = false;
		}
	}

	private long remainingMillis() {
		return TimeUnit.NANOSECONDS.toMillis(this.closeDeadline - System.nanoTime());
	}

	/** Logged once per problem, not once per poll. */
	private void problem(String problem, Throwable ex) {
		if (!problem.equals(this.lastProblem)) {
			logger.warn("Lark outbox of app " + this.app + " " + problem, ex);
		}
		this.lastProblem = problem;
	}

	private void recovered() {
		if (this.lastProblem != null) {
			logger.info("Lark outbox of app " + this.app + " is delivering again");
			this.lastProblem = null;
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** What an attempt, or a row's history, decided. */
	private record Outcome(OutboxRow row, OutboxState state, long dueAt, @Nullable Long maybeSentAt,
			@Nullable String messageId, @Nullable String error) {

		static Outcome delivered(OutboxRow row, String messageId) {
			return new Outcome(row, OutboxState.DELIVERED, 0, row.maybeSentAt(), messageId.isEmpty() ? null : messageId,
					null);
		}

		static Outcome retry(OutboxRow row, long dueAt, @Nullable Long maybeSentAt, @Nullable String error) {
			return new Outcome(row, OutboxState.PENDING, dueAt, maybeSentAt, null, error);
		}

		static Outcome end(OutboxRow row, OutboxState state, @Nullable String error, @Nullable String messageId) {
			return new Outcome(row, state, 0, row.maybeSentAt(), messageId, error);
		}

		String name() {
			return (this.state == OutboxState.PENDING) ? "retry" : this.state.name().toLowerCase(Locale.ROOT);
		}

	}

}
