package io.github.larkapprovalbot.autoconfigure.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration;
import io.github.larkapprovalbot.health.LarkOutboxHealthIndicator;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.message.MessageStatus;
import io.github.larkapprovalbot.outbox.LarkOutbox;
import io.github.larkapprovalbot.outbox.LarkOutboxes;
import io.github.larkapprovalbot.outbox.OutboxDeliveryFailedEvent;
import io.github.larkapprovalbot.outbox.OutboxEntry;
import io.github.larkapprovalbot.outbox.OutboxState;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxMessage;
import io.github.larkapprovalbot.test.SandboxRequest.Endpoint;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox in a Spring Boot application: which apps get one, on which {@code DataSource} and table, what a
 * transaction of the application decides, what the application hears of a failure, and what a wrong configuration
 * says at startup. Against the sandbox's real socket and an embedded H2.
 */
class LarkOutboxAutoConfigurationTests {

	private static final Duration AWAIT = Duration.ofSeconds(30);

	/** The context warns as it gives up on a failed startup. */
	@RegisterExtension
	final CapturedLogs contextWarnings = CapturedLogs.of("org.springframework.context");

	private final LarkSandbox lark = LarkSandbox.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class,
				LarkOutboxAutoConfiguration.class, DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withUserConfiguration(Failures.class)
		.withPropertyValues("lark.approval-bot.app-id=" + this.lark.appId(),
				"lark.approval-bot.app-secret=" + this.lark.appSecret(), "lark.approval-bot.base-url=" + this.lark.baseUrl(),
				"lark.approval-bot.outbox.poll-interval=50ms");

	@AfterEach
	void stopLark() {
		this.lark.close();
	}

	@Test
	void withoutEnabledThereIsNoOutbox() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(LarkOutbox.class)
			.doesNotHaveBean(LarkOutboxes.class));
	}

	@Test
	void aCommittedTransactionDeliversItsCardAndUpdateAndARolledBackOneNothing() {
		this.contextRunner.withPropertyValues("lark.approval-bot.outbox.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			LarkOutbox outbox = context.getBean(LarkOutbox.class);
			assertThat(context.getBean(LarkOutboxes.class).get("default")).isSameAs(outbox);
			TransactionTemplate transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			transactions.executeWithoutResult((status) -> {
				outbox.send(card("ou_rolled_back"));
				status.setRollbackOnly();
			});
			String[] ids = transactions.execute((status) -> {
				String card = outbox.send(card("ou_committed"));
				return new String[] { card, outbox.update(ApprovalBotMessageUpdate.of(card, MessageStatus.APPROVED)) };
			});
			await().atMost(AWAIT).until(() -> state(outbox, ids[1]) == OutboxState.DELIVERED);
			assertThat(this.lark.messages()).singleElement().satisfies((message) -> {
				assertThat(message.receiverId()).isEqualTo("ou_committed");
				assertThat(message.status()).isEqualTo("APPROVED");
			});
			assertThat(new JdbcTemplate(context.getBean(DataSource.class))
				.queryForObject("SELECT COUNT(*) FROM lark_outbox", Long.class)).isEqualTo(2);
		});
	}

	@Test
	void aRowThatEndsFailedIsPublishedAndCountedAndTheHealthShowsTheBacklog() {
		this.lark.inject(Fault.answer(400, "{\"code\":99992402,\"msg\":\"field validation failed\"}").times(1)
			.on(Endpoint.APPROVAL_SEND));
		this.contextRunner.withPropertyValues("lark.approval-bot.outbox.enabled=true").run((context) -> {
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			context.getBean("larkOutboxMeterBinder", MeterBinder.class).bindTo(meters);
			LarkOutbox outbox = context.getBean(LarkOutbox.class);
			String id = outbox.send(card("ou_refused"));
			Failures failures = context.getBean(Failures.class);
			await().atMost(AWAIT).until(() -> !failures.events.isEmpty());
			assertThat(failures.events).singleElement().satisfies((event) -> {
				assertThat(event.id()).isEqualTo(id);
				assertThat(event.app()).isEqualTo("default");
				assertThat(event.state()).isEqualTo(OutboxState.FAILED);
				assertThat(event.error()).contains("99992402");
			});
			assertThat(meters.get("lark.approval-bot.outbox.failures").tags("app", "default", "kind", "send", "state",
					"failed").counter().count()).isEqualTo(1);
			assertThat(meters.get("lark.approval-bot.outbox.pending").tag("app", "default").gauge().value()).isZero();
			Health health = context.getBean(LarkOutboxHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("default", Map.of("pending", 0L));
		});
	}

	@Test
	void theHealthSaysWhenTheOldestPendingRowIsOlderThanTheThreshold() {
		this.lark.inject(Fault.answer(503, "{\"code\":1,\"msg\":\"down\"}").times(1000).on(Endpoint.APPROVAL_SEND));
		this.contextRunner
			.withPropertyValues("lark.approval-bot.outbox.enabled=true", "lark.approval-bot.outbox.health-threshold=1ms")
			.run((context) -> {
				context.getBean(LarkOutbox.class).send(card("ou_waiting"));
				await().atMost(AWAIT).until(() -> this.lark.requestCount(Endpoint.APPROVAL_SEND) >= 1);
				Health health = context.getBean(LarkOutboxHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails().get("default")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("pending", 1L)
					.containsKey("oldestPendingAge")
					.hasEntrySatisfying("delayed", (delayed) -> assertThat(delayed).asString()
						.contains("more than the PT0.001S of outbox.health-threshold"));
			});
	}

	@Test
	void rowsRecordedBeforeARestartAreDeliveredByTheNextContext() {
		this.lark.inject(Fault.answer(503, "{\"code\":1,\"msg\":\"down\"}").times(1000).on(Endpoint.APPROVAL_SEND));
		ApplicationContextRunner onOneDatabase = this.contextRunner.withPropertyValues(
				"lark.approval-bot.outbox.enabled=true", "spring.datasource.url=jdbc:h2:mem:restart;DB_CLOSE_DELAY=-1",
				"lark.approval-bot.outbox.max-backoff=1s");
		String[] ids = new String[3];
		onOneDatabase.run((context) -> {
			LarkOutbox outbox = context.getBean(LarkOutbox.class);
			for (int i = 0; i < ids.length; i++) {
				ids[i] = outbox.send(card("ou_" + i));
			}
			await().atMost(AWAIT).until(() -> this.lark.requestCount(Endpoint.APPROVAL_SEND) >= 3);
		});
		this.lark.reset();
		onOneDatabase.run((context) -> {
			LarkOutbox outbox = context.getBean(LarkOutbox.class);
			await().atMost(AWAIT).until(() -> outbox.backlog().pending() == 0);
			assertThat(this.lark.messages()).extracting(SandboxMessage::receiverId)
				.containsExactlyInAnyOrder("ou_0", "ou_1", "ou_2");
			assertThat(state(outbox, ids[0])).isEqualTo(OutboxState.DELIVERED);
		});
	}

	@Test
	void eachAppDecidesAndAQualifiedDataSourceIsTheOutboxs() {
		this.contextRunner.withUserConfiguration(OutboxDatabase.class)
			.withPropertyValues("lark.approval-bot.apps.hr.app-id=cli_hr", "lark.approval-bot.apps.hr.app-secret=hr",
					"lark.approval-bot.apps.hr.outbox.enabled=true", "lark.approval-bot.outbox.table-name=approvals_outbox")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(LarkOutbox.class);
				LarkOutboxes outboxes = context.getBean(LarkOutboxes.class);
				assertThat(outboxes.names()).containsExactly("hr");
				DataSource own = context.getBean("outboxDataSource", DataSource.class);
				assertThat(new JdbcTemplate(own).queryForObject("SELECT COUNT(*) FROM approvals_outbox", Long.class))
					.isZero();
				outboxes.get("hr").send(card("ou_hr"));
				assertThat(new JdbcTemplate(own).queryForObject("SELECT app FROM approvals_outbox", String.class))
					.isEqualTo("hr");
			});
	}

	@Test
	void underAJpaTransactionManagerARollbackSendsNothingAndACommitDelivers() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class))
			.withPropertyValues("lark.approval-bot.outbox.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				PlatformTransactionManager manager = context.getBean(PlatformTransactionManager.class);
				assertThat(manager).isInstanceOf(JpaTransactionManager.class);
				LarkOutbox outbox = context.getBean(LarkOutbox.class);
				TransactionTemplate transactions = new TransactionTemplate(manager);
				String rolledBack = transactions.execute((status) -> {
					String id = outbox.send(card("ou_jpa_rolled_back"));
					status.setRollbackOnly();
					return id;
				});
				String committed = transactions.execute((status) -> outbox.send(card("ou_jpa_committed")));
				await().atMost(AWAIT).until(() -> state(outbox, committed) == OutboxState.DELIVERED);
				assertThat(outbox.find(rolledBack)).isEmpty();
				assertThat(this.lark.messages()).extracting(SandboxMessage::receiverId).containsExactly("ou_jpa_committed");
			});
	}

	@Test
	void ofSeveralDataSourcesTheQualifiedOneIsTheOutboxs() {
		this.contextRunner.withUserConfiguration(TwoDatabases.class)
			.withPropertyValues("lark.approval-bot.outbox.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(LarkOutbox.class).send(card("ou_qualified"));
				assertThat(new JdbcTemplate(context.getBean("outboxDataSource", DataSource.class))
					.queryForObject("SELECT COUNT(*) FROM lark_outbox", Long.class)).isEqualTo(1);
				assertThat(new JdbcTemplate(context.getBean("applicationDataSource", DataSource.class))
					.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'LARK_OUTBOX'",
							Long.class))
					.as("the application's own database has no outbox table").isZero();
			});
	}

	@Test
	void withoutADataSourceTheStartupSaysWhatToAdd() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class, LarkOutboxAutoConfiguration.class))
			.withPropertyValues("lark.approval-bot.app-id=cli_a", "lark.approval-bot.app-secret=a",
					"lark.approval-bot.outbox.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new LarkOutboxFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.startsWith("lark.approval-bot.outbox.enabled turned the Lark outbox on, but there is no "
							+ "DataSource to keep it in");
				assertThat(analysis.getAction()).contains("spring-boot-starter-jdbc").contains("@LarkOutboxDataSource");
			});
	}

	@Test
	void withNeverAndNoTableTheStartupNamesTheScript() {
		this.contextRunner
			.withPropertyValues("lark.approval-bot.outbox.enabled=true", "lark.approval-bot.outbox.initialize-schema=never")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new LarkOutboxFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("'lark_outbox'")
					.contains("io/github/larkapprovalbot/outbox/schema-h2.sql");
				assertThat(analysis.getAction()).contains("initialize-schema=always");
			});
	}

	@Test
	void badOutboxPropertiesFailTheStartupNamingThem() {
		this.contextRunner
			.withPropertyValues("lark.approval-bot.outbox.enabled=true", "lark.approval-bot.outbox.lease=10s",
					"lark.approval-bot.outbox.table-name=drop table", "lark.approval-bot.outbox.batch-size=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("outbox.lease")
				.hasMessageContaining("longer than call-timeout")
				.hasMessageContaining("outbox.tableName")
				.hasMessageContaining("outbox.batchSize"));
		this.contextRunner
			.withPropertyValues("lark.approval-bot.apps.hr.app-id=cli_hr", "lark.approval-bot.apps.hr.app-secret=hr",
					"lark.approval-bot.apps.hr.outbox.table-name=hr_outbox")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("lark.approval-bot.apps.hr.outbox: table-name and initialize-schema are global"));
	}

	private static OutboxState state(LarkOutbox outbox, String id) {
		return outbox.find(id).map(OutboxEntry::state).orElseThrow();
	}

	static ApprovalBotMessage card(String openId) {
		return ApprovalBotMessage.builder(BotTemplate.PENDING_APPROVAL)
			.toOpenId(openId)
			.approvalName("Leave")
			.titleUserId("a11b22c3")
			.summary("Reason: family")
			.detail("https://oa.example.com/leave/42")
			.callback("https://oa.example.com/cb", "callback-token-value", "callback-key-value", "leave-42")
			.actionConfig(ApprovalBotMessage.ActionConfig.approve(MessageStatus.APPROVED))
			.actionConfig(ApprovalBotMessage.ActionConfig.reject(MessageStatus.REJECTED))
			.build();
	}

	/** An {@code @EventListener}, as applications write them: registered only once every singleton is made. */
	@Configuration(proxyBeanMethods = false)
	static class Failures {

		final List<OutboxDeliveryFailedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void failed(OutboxDeliveryFailedEvent event) {
			this.events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDatabases {

		@Bean
		@Primary
		DataSource applicationDataSource() {
			return new DriverManagerDataSource("jdbc:h2:mem:application;DB_CLOSE_DELAY=-1");
		}

		@Bean
		@LarkOutboxDataSource
		DataSource outboxDataSource() {
			return new DriverManagerDataSource("jdbc:h2:mem:qualified-outbox;DB_CLOSE_DELAY=-1");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OutboxDatabase {

		@Bean
		@LarkOutboxDataSource
		DataSource outboxDataSource() {
			return new DriverManagerDataSource("jdbc:h2:mem:own-outbox;DB_CLOSE_DELAY=-1");
		}

	}

}
