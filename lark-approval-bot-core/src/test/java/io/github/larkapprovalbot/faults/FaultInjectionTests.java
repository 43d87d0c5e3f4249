package io.github.larkapprovalbot.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.CapturedLogs;
import io.github.larkapprovalbot.LarkTransientException;
import io.github.larkapprovalbot.RateLimitSettings;
import io.github.larkapprovalbot.RetrySettings;
import io.github.larkapprovalbot.SentMessage;
import io.github.larkapprovalbot.UserIdType;
import io.github.larkapprovalbot.WebClientApprovalBotMessengerTests;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under injected faults nothing is lost and nothing is sent twice: approval sends are all delivered exactly once,
 * helpdesk messages are never delivered twice and every one not delivered reached its caller as a failure, and card
 * patches leave every card in its last requested state.
 */
class FaultInjectionTests {

	/** Reactor Netty warns of every connection the faults break. */
	@RegisterExtension
	final CapturedLogs nettyWarnings = CapturedLogs.of("reactor.netty");

	private FaultyLark lark;

	private ApprovalBotMessenger messenger;

	@BeforeEach
	void start() {
		this.lark = new FaultyLark(Duration.ofMillis(1500));
		this.messenger = connector(new ApprovalBotMessengerBuilder()).credentials("cli_faults", "secret")
			.baseUrl(this.lark.baseUrl())
			.helpdesk("1", "ht")
			.responseTimeout(Duration.ofMillis(500))
			.callTimeout(Duration.ofSeconds(60))
			.retry(new RetrySettings(12, Duration.ofMillis(10), Duration.ofMillis(200), 0.5))
			.rateLimits(RateLimitSettings.unlimited())
			.build();
	}

	/** The connector the suite runs on: the default one; a subclass runs it on another. */
	ApprovalBotMessengerBuilder connector(ApprovalBotMessengerBuilder builder) {
		return builder;
	}

	@AfterEach
	void stop() {
		this.messenger.close();
		this.lark.close();
	}

	@Test
	void fiveThousandApprovalSendsAreDeliveredExactlyOnce() {
		List<String> uuids = Flux.range(0, 5000).map((i) -> UUID.randomUUID().toString()).collectList().block();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		List<SentMessage> sent = Flux.fromIterable(uuids)
			.flatMap((uuid) -> this.messenger.send(WebClientApprovalBotMessengerTests.pendingApproval().withUuid(uuid))
				.onErrorResume((ex) -> {
					failures.add(ex);
					return Mono.empty();
				}), 100)
			.collectList()
			.block(Duration.ofMinutes(3));

		assertThat(failures).isEmpty();
		assertThat(sent).hasSize(5000);
		assertThat(this.lark.cardsByUuid).hasSize(5000);
		assertThat(this.lark.cardsCreated).hasValue(5000);
		assertThat(sent.stream().map(SentMessage::messageId).distinct()).hasSize(5000);
		// every 500th request revoked the token; 100 concurrent callers fetched one new token per revocation
		assertThat(this.lark.revocations.get()).isGreaterThanOrEqualTo(10);
		assertThat(this.lark.tokensIssued()).isEqualTo(this.lark.revocations.get() + 1);
		assertThat(this.lark.injected.keySet()).contains(FaultyLark.Fault.SERVER_ERROR, FaultyLark.Fault.THROTTLED,
				FaultyLark.Fault.RESET_BEFORE, FaultyLark.Fault.DROPPED_AFTER, FaultyLark.Fault.SLOW);
	}

	@Test
	void helpdeskMessagesAreNeverDeliveredTwiceNorSilentlyLost() {
		Map<String, Throwable> failures = new ConcurrentHashMap<>();
		List<String> delivered = Flux.range(0, 1000)
			.map((i) -> "message-" + i)
			.flatMap((text) -> this.messenger.sendHelpdesk(HelpdeskBotMessage.text("ou_1", text), UserIdType.OPEN_ID)
				.map((sent) -> text)
				.onErrorResume((ex) -> {
					failures.put(text, ex);
					return Mono.empty();
				}), 50)
			.collectList()
			.block(Duration.ofMinutes(3));

		assertThat(this.lark.helpdeskDeliveries.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
		assertThat(delivered.size() + failures.size()).isEqualTo(1000);
		for (int i = 0; i < 1000; i++) {
			String text = "message-" + i;
			boolean reachedLark = this.lark.helpdeskDeliveries.containsKey(text);
			if (!delivered.contains(text)) {
				Throwable failure = failures.get(text);
				assertThat(failure).as(text + " neither delivered nor failed").isNotNull();
				if (reachedLark) {
					assertThat(failure).as(text + " reached Lark; its caller must be told it is ambiguous")
						.isInstanceOfSatisfying(LarkTransientException.class,
								(ex) -> assertThat(ex.isAmbiguous()).isTrue());
				}
			}
		}
		assertThat(failures.values()).anySatisfy((ex) -> assertThat(ex).isInstanceOfSatisfying(
				LarkTransientException.class, (t) -> assertThat(t.isAmbiguous()).isTrue()));
	}

	@Test
	void patchedCardsEndInTheirLastRequestedState() {
		Flux.range(0, 100)
			.flatMap((card) -> Flux.range(1, 5)
				.concatMap((version) -> this.messenger.patchCard("om_" + card, "{\"v\":" + version + "}")), 50)
			.blockLast(Duration.ofMinutes(3));
		assertThat(this.lark.patchedCards).hasSize(100);
		assertThat(this.lark.patchedCards.values()).containsOnly("{\"v\":5}");
	}

}
