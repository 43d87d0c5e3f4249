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
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
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

	void start() {
		this.thread.start();
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
				if (rows.isEmpty()) {
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
			catch (RuntimeException ex) {
				problem("failed (" + ex + "); trying again in " + wait.toMillis() + " ms", ex);
				await(wait);
			}
		}
	}

	/** Each row's attempt, concurrently; outcomes are recorded here, on this thread, as they come. */
	private void deliver(List<OutboxRow> rows) {
		Map<String, OutboxRow> open = new LinkedHashMap<>();
		BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
		List<Mono<Outcome>> attempts = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			Outcome settled = settleBeforeAttempt(row);
			if (settled != null) {
				record(settled);
			}
			else {
				open.put(row.id(), row);
				attempts.add(attempt(row));
			}
		}
		Disposable calls = Flux.merge(attempts).subscribe(outcomes::add);
		while (!open.isEmpty()) {
			Outcome outcome;
			try {
				outcome = outcomes.poll(this.running ? 1000 : remainingMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				outcome = null;
			}
			if (outcome != null) {
				open.remove(outcome.row().id());
				record(outcome);
			}
			else if (!this.running && remainingMillis() <= 0) {
				// Past the shutdown timeout: the calls are cancelled, their rows go back with their attempt unknown.
				calls.dispose();
				open.keySet().forEach((id) -> this.table.release(id, this.owner));
				logger.info("Lark outbox of app " + this.app + " released " + open.size()
						+ " rows still being delivered at shutdown");
				return;
			}
		}
	}

	/** What a row's history decides before any call: a takeover, a passed uuid window, a newer sync, a lost card. */
	private @Nullable Outcome settleBeforeAttempt(OutboxRow row) {
		long now = this.clock.millis();
		Long unknownAttempt = row.attemptStartedAt();
		if (unknownAttempt != null && row.kind() == OutboxCallKind.SEND_HELPDESK) {
			return Outcome.end(row, OutboxState.UNCERTAIN, "an attempt started at " + Instant.ofEpochMilli(unknownAttempt)
					+ " never recorded its outcome (its instance stopped or died): the message may have reached Lark, "
					+ "which has no idempotency key for it", null);
		}
		if (row.kind() == OutboxCallKind.SEND) {
			Long maybeSent = maybeSent(row);
			// The attempt about to start must end within Lark's hour: a lease bounds how long it can take.
			if (maybeSent != null && now + this.lease.toMillis() > maybeSent + UUID_WINDOW.toMillis()) {
				return Outcome.end(row, OutboxState.UNCERTAIN, "an attempt at " + Instant.ofEpochMilli(maybeSent)
						+ " may have reached Lark, and Lark's one-hour uuid window has passed: a repeat could show a "
						+ "second card" + ((row.lastError() != null) ? "; last failure: " + row.lastError() : ""), null);
			}
		}
		if (row.kind() == OutboxCallKind.SYNC && this.table.hasNewerSync(row)) {
			return Outcome.end(row, OutboxState.COALESCED, null, null);
		}
		if (row.kind() == OutboxCallKind.UPDATE || row.kind() == OutboxCallKind.PATCH_CARD) {
			OutboxRow card = this.table.findSend(this.app, Objects.requireNonNull(row.target())).orElse(null);
			if (card != null && card.state() != OutboxState.DELIVERED) {
				return Outcome.end(row, OutboxState.FAILED, "the card it refers to (" + card.id() + ") was not "
						+ "delivered: it is " + card.state() + "; retry this row once it is", null);
			}
		}
		return null;
	}

	/** When an attempt that may have reached Lark started, counting one whose outcome was never recorded. */
	private static @Nullable Long maybeSent(OutboxRow row) {
		return (row.maybeSentAt() != null) ? row.maybeSentAt() : row.attemptStartedAt();
	}

	private Mono<Outcome> attempt(OutboxRow row) {
		long started = this.clock.millis();
		Observation observation = Observation.createNotStarted("lark.approval-bot.outbox.deliveries", this.observations)
			.lowCardinalityKeyValue("app", this.app)
			.lowCardinalityKeyValue("kind", row.kind().name().toLowerCase(Locale.ROOT))
			.start();
		return Mono.defer(() -> call(row))
			.map((messageId) -> Outcome.delivered(row, messageId))
			.onErrorResume((ex) -> Mono.just(failed(row, ex, started)))
			.doOnNext((outcome) -> {
				observation.lowCardinalityKeyValue("outcome", outcome.name());
				observation.stop();
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
		if (ex instanceof LarkTransientException failure) {
			boolean mayHaveReached = failure.isAmbiguous() && failure.endpoint() == endpoint(row.kind());
			if (row.kind() == OutboxCallKind.SEND_HELPDESK && mayHaveReached) {
				return Outcome.end(row, OutboxState.UNCERTAIN, failure.getMessage(), null);
			}
			Long maybeSent = maybeSent(row);
			if (maybeSent == null && mayHaveReached && row.kind() == OutboxCallKind.SEND) {
				maybeSent = started;
			}
			Duration backoff = backoff(row.attempts() + 1);
			Duration asked = failure.retryAfter();
			Duration wait = (asked != null && asked.compareTo(backoff) > 0) ? asked : backoff;
			return Outcome.retry(row, this.clock.millis() + wait.toMillis(), maybeSent, failure.getMessage());
		}
		if (ex instanceof LarkAuthenticationException) {
			// Lark refused the app's credentials, not the call: the call goes once they are fixed.
			return Outcome.retry(row, this.clock.millis() + backoff(row.attempts() + 1).toMillis(), maybeSent(row),
					ex.getMessage());
		}
		if (ex instanceof LarkApiException || ex instanceof JacksonException
				|| ex instanceof ConstraintViolationException) {
			// A terminal answer, or a row that can never be sent as it is.
			return Outcome.end(row, OutboxState.FAILED, (ex instanceof LarkApiException) ? ex.getMessage()
					: ex.toString(), null);
		}
		// Anything else failed before the request left (the client maps every failure of the exchange to a
		// LarkApiException): the client is closing, or starting at a bad moment. The row waits for another attempt.
		logger.warn("Lark outbox of app " + this.app + ": " + row.kind() + " " + row.id() + " failed before it was "
				+ "sent; trying again", ex);
		return Outcome.retry(row, this.clock.millis() + backoff(row.attempts() + 1).toMillis(), maybeSent(row),
				ex.toString());
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
					Thread.currentThread().interrupt();
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
	private void problem(String problem, Exception ex) {
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
