package io.github.larkapprovalbot.autoconfigure.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.github.larkapprovalbot.ApprovalBotMessengers;
import io.github.larkapprovalbot.apps.AppRegistry;
import io.github.larkapprovalbot.autoconfigure.ConditionalOnLarkProperty;
import io.github.larkapprovalbot.autoconfigure.ConditionalOnMissingTopLevelBean;
import io.github.larkapprovalbot.autoconfigure.LarkAppBeans;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties.Outbox.InitializeSchema;
import io.github.larkapprovalbot.autoconfigure.LarkApps;
import io.github.larkapprovalbot.health.LarkOutboxHealthIndicator;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.outbox.LarkOutbox;
import io.github.larkapprovalbot.outbox.LarkOutboxBuilder;
import io.github.larkapprovalbot.outbox.LarkOutboxes;
import io.github.larkapprovalbot.outbox.OutboxBacklog;
import io.github.larkapprovalbot.outbox.OutboxDeliveryFailedEvent;
import io.github.larkapprovalbot.outbox.OutboxSchema;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The transactional outbox of each app with {@code outbox.enabled=true}: a {@link LarkOutbox} (the top-level app's
 * is the {@code LarkOutbox} bean; {@link LarkOutboxes} reaches them all) on the {@link DataSource} qualified
 * {@link LarkOutboxDataSource}, else the application's; its table created as {@code initialize-schema} says; failures
 * published as {@link OutboxDeliveryFailedEvent}s; a {@code larkOutbox} health indicator and metrics. The outboxes
 * start delivering when they are made, after the database's initializers (Flyway, Liquibase, SQL scripts), and stop
 * before the messengers they deliver through.
 */
@AutoConfiguration(after = LarkApprovalBotAutoConfiguration.class, afterName = {
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration" })
@ConditionalOnClass({ JdbcTemplate.class, EmbeddedDatabaseConnection.class })
@Conditional(OnLarkOutboxCondition.class)
@EnableConfigurationProperties(LarkApprovalBotProperties.class)
public final class LarkOutboxAutoConfiguration {

	@Bean
	LarkOutboxMetrics larkOutboxMetrics() {
		return new LarkOutboxMetrics();
	}

	/** Every enabled app's outbox, started (and, with the context, closed) before the messengers it delivers through. */
	@Bean
	@DependsOnDatabaseInitialization
	LarkOutboxHolder larkOutboxHolder(LarkApps apps, ApprovalBotMessengers messengers,
			@LarkOutboxDataSource ObjectProvider<DataSource> outboxDataSource, ObjectProvider<DataSource> dataSource,
			ObjectProvider<CardRenderer> cardRenderer, ObjectProvider<Validator> validator,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<ObservationRegistry> observations,
			ApplicationEventPublisher events, LarkOutboxMetrics metrics) {
		List<String> enabled = new ArrayList<>();
		for (String app : apps.names()) {
			if (apps.get(app).getOutbox().isEnabled()) {
				enabled.add(app);
			}
		}
		DataSource database = outboxDataSource.getIfAvailable(dataSource::getIfUnique);
		if (database == null) {
			throw new MissingOutboxDataSourceException(enabled.stream()
				.map((app) -> AppRegistry.DEFAULT_APP.equals(app) ? OnLarkOutboxCondition.ENABLED
						: LarkApps.APPS + "." + app + ".outbox.enabled")
				.toList());
		}
		LarkApprovalBotProperties.Outbox global = apps.get(apps.names().iterator().next()).getOutbox();
		initializeSchema(database, global);
		Map<String, LarkOutbox> outboxes = new LinkedHashMap<>();
		LarkOutboxHolder holder = new LarkOutboxHolder(outboxes);
		try {
			for (String app : enabled) {
				LarkApprovalBotProperties properties = apps.get(app);
				LarkApprovalBotProperties.Outbox settings = properties.getOutbox();
				LarkOutboxBuilder builder = LarkOutbox.builder(messengers.get(app), database)
					.appName(app)
					.tableName(settings.getTableName())
					.lease(settings.getLease())
					.maxBackoff(settings.getMaxBackoff())
					.pollInterval(settings.getPollInterval())
					.retention(settings.getRetention())
					.batchSize(settings.getBatchSize())
					.shutdownTimeout(properties.getShutdownTimeout())
					.validator(LarkAppBeans.payloadValidator(validator))
					.jsonMapper(jsonMapper.getIfAvailable(JsonMapper::shared))
					.observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
					.onFailure((event) -> {
						metrics.failed(event);
						events.publishEvent(event);
					})
					.startDelivery(false);
				cardRenderer.ifUnique((renderer) -> builder.cardRenderer(apps.cardRenderer(app, renderer)));
				outboxes.put(app, builder.build());
			}
		}
		catch (RuntimeException ex) {
			holder.stop();
			throw ex;
		}
		return holder;
	}

	/** Creates the table always, or on an embedded database only, as Spring Session JDBC and Spring Batch decide. */
	private static void initializeSchema(DataSource database, LarkApprovalBotProperties.Outbox settings) {
		InitializeSchema mode = settings.getInitializeSchema();
		if (mode == InitializeSchema.ALWAYS
				|| (mode == InitializeSchema.EMBEDDED && EmbeddedDatabaseConnection.isEmbedded(database))) {
			OutboxSchema.create(database, settings.getTableName());
		}
	}

	/** Every enabled app's outbox. */
	@Bean
	@ConditionalOnMissingBean
	LarkOutboxes larkOutboxes(LarkOutboxHolder holder) {
		return new LarkOutboxes(holder.outboxes);
	}

	/** The top-level app's, when it has the outbox on; closed by the holder. */
	@Bean(destroyMethod = "")
	@ConditionalOnMissingTopLevelBean(LarkOutbox.class)
	@ConditionalOnLarkProperty("app-id")
	@ConditionalOnProperty(prefix = LarkApprovalBotProperties.PREFIX, name = "outbox.enabled")
	LarkOutbox larkOutbox(LarkOutboxHolder holder) {
		return Objects.requireNonNull(holder.outboxes.get(AppRegistry.DEFAULT_APP));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AbstractHealthIndicator.class)
	static class LarkOutboxHealthConfiguration {

		/** On its method: the health condition's class is only seen once the class check has passed. */
		@Bean
		@ConditionalOnEnabledHealthIndicator("larkoutbox")
		@ConditionalOnMissingBean(name = "larkOutboxHealthIndicator")
		LarkOutboxHealthIndicator larkOutboxHealthIndicator(LarkOutboxes outboxes, LarkApps apps) {
			Map<String, Duration> thresholds = new LinkedHashMap<>();
			outboxes.names().forEach((app) -> thresholds.put(app, apps.get(app).getOutbox().getHealthThreshold()));
			return new LarkOutboxHealthIndicator(outboxes, thresholds);
		}

	}

	/**
	 * Starts the outboxes with the context, once every event listener is there to hear of failures, and stops them
	 * together, each within its shutdown timeout, before any bean they use is destroyed.
	 */
	static final class LarkOutboxHolder implements SmartLifecycle, DisposableBean {

		private final Map<String, LarkOutbox> outboxes;

		private volatile boolean running;

		LarkOutboxHolder(Map<String, LarkOutbox> outboxes) {
			this.outboxes = outboxes;
		}

		@Override
		public void start() {
			this.outboxes.values().forEach(LarkOutbox::start);
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			this.outboxes.values().parallelStream().forEach(LarkOutbox::close);
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public void destroy() {
			stop();
		}

	}

	/**
	 * The outbox's metrics, once a registry binds them: its backlog per app ({@code lark.approval-bot.outbox.pending},
	 * {@code .oldest.age}, read at most once a second) and the rows that ended failed or uncertain
	 * ({@code lark.approval-bot.outbox.failures}). Each attempt is observed by the outbox itself
	 * ({@code lark.approval-bot.outbox.deliveries}).
	 */
	static final class LarkOutboxMetrics {

		/** Set once a meter registry binds the metrics: the context may have none. */
		private volatile Consumer<OutboxDeliveryFailedEvent> failures = (event) -> {
		};

		void failed(OutboxDeliveryFailedEvent event) {
			this.failures.accept(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class LarkOutboxMetricsConfiguration {

		@Bean
		MeterBinder larkOutboxMeterBinder(LarkOutboxes outboxes, LarkOutboxMetrics metrics) {
			return (registry) -> {
				metrics.failures = ((event) -> Counter.builder("lark.approval-bot.outbox.failures")
					.description("Outbox rows that ended failed or uncertain")
					.tag("app", event.app())
					.tag("kind", event.kind().name().toLowerCase(Locale.ROOT))
					.tag("state", event.state().name().toLowerCase(Locale.ROOT))
					.register(registry)
					.increment());
				for (String app : outboxes.names()) {
					CachedBacklog backlog = new CachedBacklog(outboxes.get(app));
					Gauge.builder("lark.approval-bot.outbox.pending", backlog, (b) -> b.get().pending())
						.description("Outbox rows waiting for delivery")
						.tag("app", app)
						.register(registry);
					Gauge.builder("lark.approval-bot.outbox.oldest.age", backlog, (b) -> {
						Duration age = b.get().oldestAge();
						return (age != null) ? age.toMillis() / 1000.0 : 0;
					}).description("How long the oldest pending outbox row has waited").baseUnit("seconds").tag("app", app)
						.register(registry);
				}
			};
		}

	}

	/** One query serves both gauges of an app at a scrape. */
	static final class CachedBacklog {

		private final LarkOutbox outbox;

		private volatile long readAt;

		private volatile OutboxBacklog backlog = new OutboxBacklog(0, null);

		CachedBacklog(LarkOutbox outbox) {
			this.outbox = outbox;
		}

		OutboxBacklog get() {
			long now = System.nanoTime();
			if (this.readAt == 0 || now - this.readAt > 1_000_000_000L) {
				this.backlog = this.outbox.backlog();
				this.readAt = now;
			}
			return this.backlog;
		}

	}

}
