package io.github.larkapprovalbot.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.apps.AppRegistry;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.validation.InvalidSettingException;
import io.github.larkapprovalbot.validation.PayloadValidator;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a {@link LarkOutbox}; {@link #build()} checks the table and starts delivering.
 */
public final class LarkOutboxBuilder {

	/** How long an instance holds a claimed row: longer than a call's 30 s budget, short enough for a takeover. */
	public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

	/** The longest wait between two attempts of a row, so rows go out within a minute of Lark recovering. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

	/** How often an idle instance looks for rows (a commit on this instance wakes it at once). */
	public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

	/** How long delivered, coalesced and discarded rows are kept. */
	public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

	/** Rows claimed, and delivered concurrently, at a time. */
	public static final int DEFAULT_BATCH_SIZE = 64;

	/** How long a close waits for the rows being delivered. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	final ApprovalBotMessenger messenger;

	final DataSource dataSource;

	String appName = AppRegistry.DEFAULT_APP;

	String tableName = OutboxSchema.DEFAULT_TABLE_NAME;

	Duration lease = DEFAULT_LEASE;

	Duration maxBackoff = DEFAULT_MAX_BACKOFF;

	Duration pollInterval = DEFAULT_POLL_INTERVAL;

	Duration retention = DEFAULT_RETENTION;

	int batchSize = DEFAULT_BATCH_SIZE;

	Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

	Clock clock = Clock.systemUTC();

	@Nullable CardRenderer cardRenderer;

	PayloadValidator validator = PayloadValidator.createDefault();

	JsonMapper jsonMapper = JsonMapper.shared();

	Consumer<OutboxDeliveryFailedEvent> failureListener = (event) -> {
	};

	ObservationRegistry observations = ObservationRegistry.NOOP;

	boolean startDelivery = true;

	LarkOutboxBuilder(ApprovalBotMessenger messenger, DataSource dataSource) {
		this.messenger = Objects.requireNonNull(messenger, "messenger must not be null");
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
	}

	/**
	 * Sets the app's name, which its rows carry: the apps of a service may share one table.
	 * @param appName the name, {@value AppRegistry#DEFAULT_APP} by default
	 * @return this builder
	 */
	public LarkOutboxBuilder appName(String appName) {
		this.appName = ApprovalBotMessengerBuilder.credential("appName", appName);
		return this;
	}

	/**
	 * Sets the table's name.
	 * @param tableName a plain SQL identifier, {@value OutboxSchema#DEFAULT_TABLE_NAME} by default
	 * @return this builder
	 */
	public LarkOutboxBuilder tableName(String tableName) {
		this.tableName = OutboxSchema.checkTableName(Objects.requireNonNull(tableName, "tableName must not be null"));
		return this;
	}

	/**
	 * Sets how long an instance holds the rows it claimed; another instance takes over a row whose lease ran out.
	 * @param lease the lease, longer than a call's budget, 60 s by default
	 * @return this builder
	 */
	public LarkOutboxBuilder lease(Duration lease) {
		this.lease = InvalidSettingException.positive("lease", lease);
		return this;
	}

	/**
	 * Sets the longest wait between two attempts of a row (the backoff starts at 1 s and doubles).
	 * @param maxBackoff the ceiling, 30 s by default
	 * @return this builder
	 */
	public LarkOutboxBuilder maxBackoff(Duration maxBackoff) {
		this.maxBackoff = InvalidSettingException.positive("maxBackoff", maxBackoff);
		return this;
	}

	/**
	 * Sets how often an idle instance looks for due rows.
	 * @param pollInterval the interval, 1 s by default
	 * @return this builder
	 */
	public LarkOutboxBuilder pollInterval(Duration pollInterval) {
		this.pollInterval = InvalidSettingException.positive("pollInterval", pollInterval);
		return this;
	}

	/**
	 * Sets how long delivered, coalesced and discarded rows are kept before they are deleted.
	 * @param retention the retention, 7 days by default
	 * @return this builder
	 */
	public LarkOutboxBuilder retention(Duration retention) {
		this.retention = InvalidSettingException.positive("retention", retention);
		return this;
	}

	/**
	 * Sets how many rows an instance claims, and delivers concurrently, at a time.
	 * @param batchSize the batch size, 64 by default
	 * @return this builder
	 */
	public LarkOutboxBuilder batchSize(int batchSize) {
		this.batchSize = InvalidSettingException.positive("batchSize", batchSize);
		return this;
	}

	/**
	 * Sets how long a close waits for the rows being delivered before it releases them.
	 * @param shutdownTimeout the timeout, 10 s by default
	 * @return this builder
	 */
	public LarkOutboxBuilder shutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = InvalidSettingException.notNegative("shutdownTimeout", shutdownTimeout);
		return this;
	}

	/**
	 * Sets the clock rows are timed by (tests move it instead of waiting).
	 * @param clock the clock, the system's by default
	 * @return this builder
	 */
	public LarkOutboxBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		return this;
	}

	/**
	 * Sets the renderer {@link LarkOutbox#sendCard} renders cards with.
	 * @param cardRenderer the renderer
	 * @return this builder
	 */
	public LarkOutboxBuilder cardRenderer(CardRenderer cardRenderer) {
		this.cardRenderer = Objects.requireNonNull(cardRenderer, "cardRenderer must not be null");
		return this;
	}

	/**
	 * Sets the validator payloads are checked with before they are stored.
	 * @param validator the validator, Hibernate Validator's by default
	 * @return this builder
	 */
	public LarkOutboxBuilder validator(PayloadValidator validator) {
		this.validator = Objects.requireNonNull(validator, "validator must not be null");
		return this;
	}

	/**
	 * Sets the mapper payloads are stored with.
	 * @param jsonMapper the mapper, {@link JsonMapper#shared()} by default
	 * @return this builder
	 */
	public LarkOutboxBuilder jsonMapper(JsonMapper jsonMapper) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
		return this;
	}

	/**
	 * Sets what is told of each row that ends failed or uncertain (the starter publishes an application event).
	 * @param failureListener the listener, called on the outbox's thread
	 * @return this builder
	 */
	public LarkOutboxBuilder onFailure(Consumer<OutboxDeliveryFailedEvent> failureListener) {
		this.failureListener = Objects.requireNonNull(failureListener, "failureListener must not be null");
		return this;
	}

	/**
	 * Sets the registry each delivery attempt is observed in ({@code lark.approval-bot.outbox.deliveries}, tagged with the app,
	 * the kind of call and the outcome).
	 * @param observations the registry
	 * @return this builder
	 */
	public LarkOutboxBuilder observationRegistry(ObservationRegistry observations) {
		this.observations = Objects.requireNonNull(observations, "observations must not be null");
		return this;
	}

	/**
	 * Sets whether {@link #build()} starts delivering, or leaves it to {@link LarkOutbox#start()}.
	 * @param startDelivery whether to start at once, {@code true} by default
	 * @return this builder
	 */
	public LarkOutboxBuilder startDelivery(boolean startDelivery) {
		this.startDelivery = startDelivery;
		return this;
	}

	/**
	 * Builds the outbox: checks that its table is there and, unless told otherwise, starts delivering on a thread of
	 * its own. Give it a {@link #lease} longer than the messenger's call timeout.
	 * @return the outbox
	 * @throws MissingOutboxTableException when the table is not there
	 */
	public LarkOutbox build() {
		LarkOutbox outbox = JdbcLarkOutbox.create(this);
		if (this.startDelivery) {
			outbox.start();
		}
		return outbox;
	}

}
