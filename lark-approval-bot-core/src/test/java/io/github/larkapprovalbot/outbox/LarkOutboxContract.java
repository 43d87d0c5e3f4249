package io.github.larkapprovalbot.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.RateLimitSettings;
import io.github.larkapprovalbot.RetrySettings;
import io.github.larkapprovalbot.UserIdType;
import io.github.larkapprovalbot.WebClientApprovalBotMessengerTests;
import io.github.larkapprovalbot.center.CenterText;
import io.github.larkapprovalbot.center.ExternalApprovalDefinition;
import io.github.larkapprovalbot.center.ExternalInstance;
import io.github.larkapprovalbot.center.InstanceStatus;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.MessageStatus;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxMessage;
import io.github.larkapprovalbot.test.SandboxRequest;
import io.github.larkapprovalbot.test.SandboxRequest.Endpoint;
import io.github.larkapprovalbot.test.TestClock;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * What the outbox guarantees, on a real database and against the sandbox's real socket: each database's test
 * supplies the {@link DataSource}. Time is the tests' clock, shared by the sandbox's outages and the outbox's
 * backoffs, leases and uuid window: nothing waits for them to pass.
 */
abstract class LarkOutboxContract {

	static final Duration AWAIT = Duration.ofSeconds(60);

	static final String TABLE = "lark_outbox";

	final TestClock clock = new TestClock(Instant.parse("2026-12-02T00:00:00Z"));

	final List<OutboxDeliveryFailedEvent> failures = new CopyOnWriteArrayList<>();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	LarkSandbox lark;

	ApprovalBotMessenger messenger;

	/** The database, its table created and empty. */
	abstract DataSource dataSource();

	@BeforeEach
	void startLark() {
		this.lark = LarkSandbox.builder().rateLimits(false).clock(this.clock).start();
		// One attempt per delivery: the outbox's own retries are what these tests watch.
		this.messenger = ApprovalBotMessenger.builder()
			.credentials(this.lark.appId(), this.lark.appSecret())
			.baseUrl(this.lark.baseUrl())
			.helpdesk(this.lark.helpdeskId(), this.lark.helpdeskToken())
			.retry(new RetrySettings(0, Duration.ofMillis(10), Duration.ofMillis(10), 0))
			.rateLimits(RateLimitSettings.unlimited())
			.build();
		OutboxSchema.create(dataSource(), TABLE);
		new JdbcTemplate(dataSource()).update("DELETE FROM " + TABLE);
	}

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.messenger.close();
		this.lark.close();
	}

	LarkOutbox outbox() {
		return outbox(LarkOutboxBuilder.DEFAULT_SHUTDOWN_TIMEOUT);
	}

	LarkOutbox outbox(Duration shutdownTimeout) {
		LarkOutbox outbox = LarkOutbox.builder(this.messenger, dataSource())
			.clock(this.clock)
			.pollInterval(Duration.ofMillis(50))
			.shutdownTimeout(shutdownTimeout)
			.onFailure(this.failures::add)
			.build();
		this.closeables.add(outbox);
		return outbox;
	}

	TransactionTemplate transactions() {
		return new TransactionTemplate(new JdbcTransactionManager(dataSource()));
	}

	@Test
	void aRollbackSendsNothingAndACommitDeliversAfterIt() {
		LarkOutbox outbox = outbox();
		String rolledBack = transactions().execute((status) -> {
			String id = outbox.send(card("ou_rolled_back"));
			status.setRollbackOnly();
			return id;
		});
		String committed = transactions().execute((status) -> outbox.send(card("ou_committed")));
		awaitDelivered(outbox, committed);
		assertThat(outbox.find(rolledBack)).isEmpty();
		assertThat(this.lark.messages()).extracting(SandboxMessage::receiverId).containsExactly("ou_committed");
		assertThat(this.lark.requestCount(Endpoint.APPROVAL_SEND)).isEqualTo(1);
	}

	@Test
	void aThousandSendsDuringATwoMinuteOutageArriveOnceAfterIt() {
		this.lark.inject(Fault.answer(503, "{\"code\":1,\"msg\":\"down\"}").lasting(Duration.ofMinutes(2))
			.on(Endpoint.APPROVAL_SEND));
		LarkOutbox outbox = outbox();
		List<String> ids = IntStream.range(0, 1000).mapToObj((i) -> outbox.send(card("ou_" + i))).toList();
		await().atMost(AWAIT).until(() -> this.lark.requestCount(Endpoint.APPROVAL_SEND) >= 1000);
		awaitSettled();
		assertThat(this.lark.messages()).isEmpty();
		this.clock.advance(Duration.ofMinutes(1));
		await().atMost(AWAIT).until(() -> this.lark.requestCount(Endpoint.APPROVAL_SEND) >= 2000);
		awaitSettled();
		assertThat(this.lark.messages()).as("still down").isEmpty();
		this.clock.advance(Duration.ofMinutes(1).plusSeconds(5));
		await().atMost(AWAIT).until(() -> outbox.backlog().pending() == 0);
		assertThat(uuids(this.lark.messages())).hasSize(1000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
		assertThat(ids).allSatisfy((id) -> assertThat(outbox.find(id).orElseThrow().state())
			.isEqualTo(OutboxState.DELIVERED));
		assertThat(this.failures).isEmpty();
		assertThat(outbox.backlog()).isEqualTo(new OutboxBacklog(0, null));
	}

	@Test
	void anOutboxClosedMidDeliveryAndANewOneDeliverEveryRowOnce() {
		this.lark.inject(Fault.delay(Duration.ofSeconds(3)).times(20).on(Endpoint.APPROVAL_SEND));
		LarkOutbox first = outbox(Duration.ofMillis(200));
		List<String> ids = IntStream.range(0, 200).mapToObj((i) -> first.send(card("ou_" + i))).toList();
		await().atMost(AWAIT).until(() -> this.lark.requestCount(Endpoint.APPROVAL_SEND) >= 20);
		first.close();
		int before = this.lark.messages().size();
		assertThat(before).as("some rows were cut off").isLessThan(200);
		LarkOutbox second = outbox();
		await().atMost(AWAIT).until(() -> second.backlog().pending() == 0);
		assertThat(uuids(this.lark.messages())).hasSize(200).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
		assertThat(this.failures).isEmpty();
	}

	@Test
	void aRowOfADeadInstanceIsTakenOverAfterItsLeaseAndAnUnknownHelpdeskAttemptEndsUncertain() {
		// Rows recorded while no outbox runs, then leased by an instance that died mid-attempt.
		LarkOutbox recorder = outbox();
		recorder.close();
		String card = recorder.send(card("ou_card"));
		String helpdesk = recorder.sendHelpdesk(HelpdeskBotMessage.text("ou_help", "hello"), UserIdType.OPEN_ID);
		long now = this.clock.millis();
		new JdbcTemplate(dataSource()).update("UPDATE " + TABLE + " SET lease_owner = 'dead', lease_until = ?, "
				+ "attempt_started_at = ?, attempts = 1", now + 60_000, now);
		LarkOutbox survivor = outbox();
		this.clock.advance(Duration.ofSeconds(30));
		await().during(Duration.ofMillis(300)).atMost(AWAIT).until(() -> this.lark.messages().isEmpty());
		this.clock.advance(Duration.ofSeconds(31));
		awaitDelivered(survivor, card);
		await().atMost(AWAIT).until(() -> survivor.find(helpdesk).orElseThrow().state() == OutboxState.UNCERTAIN);
		assertThat(this.lark.requestCount(Endpoint.HELPDESK)).isZero();
		assertThat(this.failures).singleElement().satisfies((event) -> {
			assertThat(event.id()).isEqualTo(helpdesk);
			assertThat(event.kind()).isEqualTo(OutboxCallKind.SEND_HELPDESK);
			assertThat(event.isUncertain()).isTrue();
			assertThat(event.payload()).contains("hello");
		});
	}

	@Test
	void twoOutboxesOnOneTableDeliverAThousandRowsOnceEach() {
		LarkOutbox one = outbox();
		LarkOutbox two = outbox();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			ids.add(((i % 2 == 0) ? one : two).send(card("ou_" + i)));
		}
		await().atMost(AWAIT).until(() -> one.backlog().pending() == 0);
		assertThat(uuids(this.lark.messages())).hasSize(1000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
		assertThat(this.lark.requestCount(Endpoint.APPROVAL_SEND)).as("no row was attempted twice").isEqualTo(1000);
	}

	@Test
	void anUpdateRecordedBeforeItsCardIsDeliveredGoesOutAfterItWithItsMessageId() {
		this.lark.inject(Fault.answer(503, "{\"code\":1,\"msg\":\"down\"}").times(1).on(Endpoint.APPROVAL_SEND));
		LarkOutbox outbox = outbox();
		String[] ids = transactions().execute((status) -> {
			String card = outbox.send(card("ou_ordered"));
			String update = outbox.update(ApprovalBotMessageUpdate.of(card, MessageStatus.APPROVED));
			return new String[] { card, update };
		});
		await().atMost(AWAIT).until(() -> this.lark.requestCount(Endpoint.APPROVAL_SEND) == 1);
		awaitSettled();
		this.clock.advance(Duration.ofSeconds(5));
		awaitDelivered(outbox, ids[1]);
		String messageId = outbox.find(ids[0]).orElseThrow().messageId();
		assertThat(messageId).isNotNull();
		assertThat(outbox.find(ids[1]).orElseThrow().messageId()).isEqualTo(messageId);
		assertThat(this.lark.message(messageId).status()).isEqualTo("APPROVED");
		assertThat(this.lark.requests()).extracting(SandboxRequest::endpoint)
			.filteredOn((endpoint) -> endpoint != Endpoint.TOKEN)
			.containsExactly(Endpoint.APPROVAL_SEND, Endpoint.APPROVAL_SEND, Endpoint.APPROVAL_UPDATE);
	}

	@Test
	void patchesOfOneMessageGoOutInTheirOrder() {
		String messageId = this.lark.createCard("ou_patched", cardJson(0));
		LarkOutbox outbox = outbox();
		List<String> ids = IntStream.range(1, 6).mapToObj((i) -> outbox.patchCard(messageId, cardJson(i))).toList();
		awaitDelivered(outbox, ids.get(4));
		assertThat(this.lark.message(messageId).patches()).isEqualTo(5);
		assertThat(this.lark.message(messageId).json()).contains("version 5");
		List<SandboxRequest> patches = this.lark.requests(Endpoint.CARD_PATCH);
		assertThat(patches).hasSize(5);
		for (int i = 0; i < 5; i++) {
			assertThat(patches.get(i).body()).contains("version " + (i + 1));
		}
	}

	@Test
	void aTerminalErrorEndsTheRowFailedFiresTheEventAndIsNotRetried() {
		this.lark.inject(Fault.answer(400, "{\"code\":99992402,\"msg\":\"field validation failed\"}").times(1)
			.on(Endpoint.APPROVAL_SEND));
		LarkOutbox outbox = outbox();
		String refused = outbox.send(card("ou_refused"));
		await().atMost(AWAIT).until(() -> outbox.find(refused).orElseThrow().state() == OutboxState.FAILED);
		this.clock.advance(Duration.ofMinutes(5));
		awaitDelivered(outbox, outbox.send(card("ou_later")));
		assertThat(this.lark.requestCount(Endpoint.APPROVAL_SEND)).as("the refused row went once").isEqualTo(2);
		assertThat(this.failures).singleElement().satisfies((event) -> {
			assertThat(event.id()).isEqualTo(refused);
			assertThat(event.kind()).isEqualTo(OutboxCallKind.SEND);
			assertThat(event.state()).isEqualTo(OutboxState.FAILED);
			assertThat(event.error()).contains("99992402");
			assertThat(event.payload()).contains(refused).contains("ou_refused");
		});
		OutboxEntry entry = outbox.find(refused).orElseThrow();
		assertThat(entry.attempts()).isEqualTo(1);
		assertThat(entry.lastError()).contains("field validation failed");
		assertThat(outbox.retry(refused)).isTrue();
		awaitDelivered(outbox, refused);
		assertThat(outbox.discard(refused)).as("a delivered row is not the application's to discard").isFalse();
	}

	@Test
	void aSendThatMayHaveReachedLarkIsNotRepeatedAfterLarksHour() {
		this.lark.inject(Fault.answer(503, "{\"code\":1,\"msg\":\"down\"}").lasting(Duration.ofHours(2))
			.on(Endpoint.APPROVAL_SEND));
		LarkOutbox outbox = outbox();
		String id = outbox.send(card("ou_late"));
		String update = outbox.update(ApprovalBotMessageUpdate.of(id, MessageStatus.APPROVED));
		await().atMost(AWAIT).until(() -> this.lark.requestCount(Endpoint.APPROVAL_SEND) == 1);
		for (int minute = 0; minute < 62; minute++) {
			// Each attempt's outcome is recorded (the row released) before the clock moves on to the next one.
			awaitSettled();
			OutboxEntry settled = outbox.find(id).orElseThrow();
			if (settled.state() != OutboxState.PENDING) {
				break;
			}
			this.clock.advance(Duration.ofMinutes(1));
			await().atMost(AWAIT).pollInterval(Duration.ofMillis(10))
				.until(() -> outbox.find(id).orElseThrow().attempts() > settled.attempts()
					|| outbox.find(id).orElseThrow().state() != OutboxState.PENDING);
		}
		await().atMost(AWAIT).until(() -> outbox.find(id).orElseThrow().state() == OutboxState.UNCERTAIN);
		Instant firstAttempt = this.lark.requests(Endpoint.APPROVAL_SEND).get(0).receivedAt();
		assertThat(this.lark.requests(Endpoint.APPROVAL_SEND)).allSatisfy((request) -> assertThat(request.receivedAt())
			.isBefore(firstAttempt.plus(Duration.ofHours(1))));
		await().atMost(AWAIT).until(() -> outbox.find(update).orElseThrow().state() == OutboxState.UNCERTAIN);
		assertThat(this.lark.requestCount(Endpoint.APPROVAL_UPDATE)).as("an update follows its card's end").isZero();
		assertThat(this.failures).extracting(OutboxDeliveryFailedEvent::id).containsExactly(id, update);
		assertThat(this.failures.get(0).isUncertain()).isTrue();
		assertThat(this.failures.get(0).error()).contains("one-hour uuid window");
		assertThat(outbox.discard(id)).isTrue();
		assertThat(outbox.find(id).orElseThrow().state()).isEqualTo(OutboxState.DISCARDED);
	}

	@Test
	void anAmbiguousHelpdeskFailureEndsUncertainAndAProvablyUnsentOneIsRetried() {
		this.lark.inject(Fault.dropBeforeWork().times(1).on(Endpoint.HELPDESK));
		LarkOutbox outbox = outbox();
		String unsure = outbox.sendHelpdesk(HelpdeskBotMessage.text("ou_help", "maybe"), UserIdType.OPEN_ID);
		await().atMost(AWAIT).until(() -> outbox.find(unsure).orElseThrow().state() == OutboxState.UNCERTAIN);
		this.lark.inject(Fault.throttle(Duration.ofSeconds(2)).times(1).on(Endpoint.HELPDESK));
		String throttled = outbox.sendHelpdesk(HelpdeskBotMessage.text("ou_help", "later"), UserIdType.OPEN_ID);
		await().atMost(AWAIT).until(() -> this.lark.requestCount(Endpoint.HELPDESK) == 2);
		awaitSettled();
		this.clock.advance(Duration.ofSeconds(5));
		awaitDelivered(outbox, throttled);
		assertThat(this.lark.messages()).extracting(SandboxMessage::json).singleElement().asString().contains("later");
		assertThat(this.failures).extracting(OutboxDeliveryFailedEvent::id).containsExactly(unsure);
	}

	@Test
	void syncsOfOneInstanceAreCoalescedToTheNewestAndOthersAreKept() {
		this.messenger.approvalCenter().define(definition()).block(AWAIT);
		LarkOutbox outbox = outbox();
		String[] ids = transactions().execute((status) -> new String[] {
				outbox.sync(instance("leave-1", 1_000, InstanceStatus.PENDING)),
				outbox.sync(instance("leave-1", 3_000, InstanceStatus.APPROVED)),
				outbox.sync(instance("leave-1", 2_000, InstanceStatus.PENDING)),
				outbox.sync(instance("leave-2", 1_000, InstanceStatus.PENDING)) });
		awaitDelivered(outbox, ids[1]);
		awaitDelivered(outbox, ids[3]);
		assertThat(outbox.find(ids[0]).orElseThrow().state()).isEqualTo(OutboxState.COALESCED);
		assertThat(outbox.find(ids[2]).orElseThrow().state()).isEqualTo(OutboxState.COALESCED);
		assertThat(this.lark.requestCount(Endpoint.EXTERNAL_INSTANCE_SYNC)).isEqualTo(2);
		assertThat(this.lark.instance("leave-1").at("/status").asString()).isEqualTo("APPROVED");
		assertThat(this.lark.instance("leave-2").at("/status").asString()).isEqualTo("PENDING");
	}

	@Test
	void deliveredRowsArePurgedAfterTheRetentionAndFailedOnesKept() {
		this.lark.inject(Fault.answer(400, "{\"code\":99992402,\"msg\":\"field validation failed\"}").times(1)
			.on(Endpoint.APPROVAL_SEND));
		LarkOutbox outbox = outbox();
		String failed = outbox.send(card("ou_failed"));
		await().atMost(AWAIT).until(() -> outbox.find(failed).orElseThrow().state() == OutboxState.FAILED);
		String delivered = outbox.send(card("ou_delivered"));
		awaitDelivered(outbox, delivered);
		this.clock.advance(LarkOutboxBuilder.DEFAULT_RETENTION.plusMinutes(2));
		outbox.send(card("ou_wakes_the_worker"));
		await().atMost(AWAIT).until(() -> outbox.find(delivered).isEmpty());
		assertThat(outbox.find(failed)).as("the application decides about it").isPresent();
	}

	@Test
	void badInputFailsBeforeAnythingIsStored() {
		LarkOutbox outbox = outbox();
		ApprovalBotMessage noRecipient = new ApprovalBotMessage(card("ou_x").templateId(), null, null, null,
				card("ou_x").approvalName(), card("ou_x").titleUserId(), null, null, card("ou_x").content(), null,
				null, null, card("ou_x").actions(), card("ou_x").actionCallback(), card("ou_x").actionConfigs(), null,
				null, card("ou_x").i18nResources());
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> outbox.send(noRecipient));
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> outbox.update(ApprovalBotMessageUpdate.of(" ", MessageStatus.APPROVED)))
			.withMessageContaining("message_id");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> outbox.sendHelpdesk(HelpdeskBotMessage.text("ou_1", "x".repeat(1100 * 1024)),
					UserIdType.OPEN_ID))
			.withMessageContaining("payload")
			.withMessageContaining("an outbox row holds");
		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> outbox.sync(ExternalInstance.builder("code", "no-status").build()));
		assertThat(new JdbcTemplate(dataSource()).queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class)).isZero();
	}

	@Test
	void aUuidNamesOneCard() {
		LarkOutbox outbox = outbox();
		ApprovalBotMessage first = card("ou_first").withUuid("leave-7");
		assertThat(outbox.send(first)).isEqualTo("leave-7");
		assertThat(outbox.send(first)).as("the same card again is recorded once").isEqualTo("leave-7");
		assertThatIllegalArgumentException().isThrownBy(() -> outbox.send(card("ou_second").withUuid("leave-7")))
			.withMessageContaining("uuid: 'leave-7' is already recorded for another message");
		awaitDelivered(outbox, "leave-7");
		assertThat(this.lark.messages()).extracting(SandboxMessage::receiverId).containsExactly("ou_first");
		assertThat(new JdbcTemplate(dataSource()).queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class))
			.isEqualTo(1);
	}

	@Test
	void aMissingTableIsNamedWithItsScript() {
		assertThatExceptionOfType(MissingOutboxTableException.class)
			.isThrownBy(() -> LarkOutbox.builder(this.messenger, dataSource()).tableName("no_such_outbox").build())
			.withMessageContaining("no_such_outbox")
			.withMessageContaining("schema-");
	}

	/**
	 * Waits until no row is being delivered: a request reaches the sandbox before its outcome is recorded, and the
	 * clock must not move in between, or the retry is timed from the moved clock.
	 */
	void awaitSettled() {
		JdbcTemplate table = new JdbcTemplate(dataSource());
		await().atMost(AWAIT).pollInterval(Duration.ofMillis(10)).until(() -> table.queryForObject(
				"SELECT COUNT(*) FROM " + TABLE + " WHERE lease_owner IS NOT NULL", Long.class) == 0);
	}

	void awaitDelivered(LarkOutbox outbox, String id) {
		await().atMost(AWAIT)
			.until(() -> outbox.find(id).map(OutboxEntry::state).orElse(null) == OutboxState.DELIVERED);
	}

	static ApprovalBotMessage card(String openId) {
		ApprovalBotMessage template = WebClientApprovalBotMessengerTests.pendingApproval();
		return new ApprovalBotMessage(template.templateId(), null, openId, null, template.approvalName(),
				template.titleUserId(), template.titleUserIdType(), template.comment(), template.content(),
				template.note(), template.senderUserId(), template.text(), template.actions(),
				template.actionCallback(), template.actionConfigs(), template.customTitle(), template.customContent(),
				template.i18nResources());
	}

	static String cardJson(int version) {
		return "{\"config\":{\"update_multi\":true},\"elements\":[{\"tag\":\"div\",\"text\":{\"tag\":\"plain_text\",\"content\":\"version " + version
				+ "\"}}]}";
	}

	/** Every message's uuid, one per message: a duplicate message shows as a repeated uuid. */
	static List<String> uuids(List<SandboxMessage> messages) {
		List<String> uuids = new ArrayList<>();
		for (SandboxMessage message : messages) {
			uuids.add(JsonMapper.shared().readTree(message.json()).path("uuid").asString());
		}
		return uuids;
	}

	static ExternalApprovalDefinition definition() {
		return ExternalApprovalDefinition.builder("outbox-leave")
			.name(CenterText.of("请假", "Leave"))
			.group("hr", CenterText.of("人事", "HR"))
			.createLinks("https://oa.example.com/leave/new", "https://oa.example.com/m/leave/new")
			.viewer(ExternalApprovalDefinition.Viewer.TENANT)
			.build();
	}

	static ExternalInstance instance(String id, long updated, InstanceStatus status) {
		Instant start = Instant.parse("2026-12-01T00:00:00Z");
		return ExternalInstance.builder("outbox-leave", id)
			.status(status)
			.link("https://oa.example.com/leave/" + id)
			.title(CenterText.of("请假", "Leave"))
			.initiatorUserId("u-alice")
			.startTime(start)
			.endTime((status == InstanceStatus.PENDING) ? null : start.plusMillis(updated))
			.updateTime(start.plusMillis(updated))
			.build();
	}

}
