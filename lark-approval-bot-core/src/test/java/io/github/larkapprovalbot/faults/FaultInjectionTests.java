package io.github.larkapprovalbot.faults;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

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
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under faults injected at random by the sandbox (HTTP 500, 429 with a reset, the connection lost before or after the
 * work, an answer later than the client's timeout, a revoked token) nothing is lost and nothing is sent twice:
 * approval sends are all delivered exactly once, helpdesk messages are never delivered twice and every one not
 * delivered reached its caller as a failure, and card patches leave every card in its last requested state.
 */
class FaultInjectionTests {

	/** Reactor Netty warns of every connection the faults break. */
	@RegisterExtension
	final CapturedLogs nettyWarnings = CapturedLogs.of("reactor.netty");

	private static final Fault SLOW = Fault.delay(Duration.ofMillis(1500));

	private LarkSandbox lark;

	private ApprovalBotMessenger messenger;

	@BeforeEach
	void start() {
		// Lark's rate limits are not what this suite is about: the faults' 429s are.
		this.lark = LarkSandbox.builder().rateLimits(false).start();
		Map<Fault, Double> faults = new LinkedHashMap<>();
		faults.put(Fault.serverError(), 0.10);
		faults.put(Fault.throttle(Duration.ofSeconds(1)), 0.05);
		faults.put(Fault.dropBeforeWork(), 0.02);
		faults.put(Fault.dropAfterWork(), 0.01);
		faults.put(SLOW, 0.01);
		faults.put(Fault.revokeToken(), 0.002);
		this.lark.injectAtRandom(20261121L, faults);
		this.messenger = connector(new ApprovalBotMessengerBuilder()).credentials(this.lark.appId(), this.lark.appSecret())
			.baseUrl(this.lark.baseUrl())
			.helpdesk(this.lark.helpdeskId(), this.lark.helpdeskToken())
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
		assertThat(this.lark.messages()).hasSize(5000);
		assertThat(sent.stream().map(SentMessage::messageId).distinct()).hasSize(5000);
		List<SandboxRequest> requests = this.lark.requests();
		long revocations = requests.stream().filter((request) -> Fault.revokeToken().equals(request.fault())).count();
		// 100 concurrent callers fetched at most one new token per revocation
		assertThat(revocations).isGreaterThanOrEqualTo(5);
		assertThat(this.lark.requests(SandboxRequest.Endpoint.TOKEN)).hasSizeBetween(2, (int) revocations + 1);
		assertThat(requests.stream().map(SandboxRequest::fault).filter(Objects::nonNull).distinct())
			.containsExactlyInAnyOrderElementsOf(this.faultsInjected());
	}

	private List<Fault> faultsInjected() {
		return List.of(Fault.serverError(), Fault.throttle(Duration.ofSeconds(1)), Fault.dropBeforeWork(),
				Fault.dropAfterWork(), SLOW, Fault.revokeToken());
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

		Map<String, Long> deliveries = this.lark.messagesTo("ou_1").stream()
			.map((message) -> JsonMapper.shared().readTree(JsonMapper.shared().readTree(message.json())
				.path("content").asString()).path("text").asString())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(deliveries.values()).allSatisfy((count) -> assertThat(count).isEqualTo(1));
		assertThat(delivered.size() + failures.size()).isEqualTo(1000);
		for (int i = 0; i < 1000; i++) {
			String text = "message-" + i;
			boolean reachedLark = deliveries.containsKey(text);
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
		List<String> cards = Flux.range(0, 100).map((i) -> this.lark.createCard("oc_" + i, card(0))).collectList().block();
		Flux.fromIterable(cards)
			.flatMap((card) -> Flux.range(1, 5).concatMap((version) -> this.messenger.patchCard(card, card(version))), 50)
			.blockLast(Duration.ofMinutes(3));
		assertThat(cards).allSatisfy((card) -> assertThat(this.lark.message(card).json()).isEqualTo(card(5)));
	}

	private static String card(int version) {
		return "{\"config\":{\"update_multi\":true},\"header\":{\"title\":{\"tag\":\"plain_text\",\"content\":\"v"
				+ version + "\"}}}";
	}

}
