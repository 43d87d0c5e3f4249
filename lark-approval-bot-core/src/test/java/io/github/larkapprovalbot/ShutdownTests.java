package io.github.larkapprovalbot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest.Endpoint;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A graceful close: the calls in flight finish within the shutdown timeout, no later, and a call waiting to retry
 * does not wait out its backoff once the grace period has passed.
 */
class ShutdownTests {

	/**
	 * Reactor Netty warns of the connections a close breaks, the app of the calls it ends, and Reactor of the JDK
	 * client's cancelled requests.
	 */
	@RegisterExtension
	final CapturedLogs nettyWarnings = CapturedLogs.of("reactor.netty", LarkApp.class.getName(),
			"reactor.core.publisher.Operators");

	private final LarkSandbox lark = LarkSandbox.start();

	private final List<ApprovalBotMessenger> messengers = new ArrayList<>();

	@AfterEach
	void close() {
		this.messengers.forEach(ApprovalBotMessenger::close);
		this.lark.close();
	}

	private ApprovalBotMessenger build(ApprovalBotMessengerBuilder builder) {
		ApprovalBotMessenger messenger = builder.build();
		this.messengers.add(messenger);
		return messenger;
	}

	private ApprovalBotMessengerBuilder builder() {
		return new ApprovalBotMessengerBuilder().credentials(this.lark.appId(), this.lark.appSecret())
			.baseUrl(this.lark.baseUrl());
	}

	private static Mono<SentMessage> send(ApprovalBotMessenger messenger) {
		return messenger.send(WebClientApprovalBotMessengerTests.pendingApproval());
	}

	@Test
	void callsInFlightFinishBeforeCloseReturns() throws Exception {
		this.lark.inject(Fault.delay(Duration.ofSeconds(1)).times(4));
		ApprovalBotMessenger messenger = build(builder());
		List<CompletableFuture<SentMessage>> calls = IntStream.range(0, 4).mapToObj((i) -> send(messenger).toFuture())
			.toList();
		await().until(() -> this.lark.requests(Endpoint.APPROVAL_SEND).size() == 4);

		CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> {
			messenger.close();
			return calls.stream().allMatch(CompletableFuture::isDone);
		});

		assertThat(closed.get(10, TimeUnit.SECONDS)).as("every call had finished when close returned").isTrue();
		for (CompletableFuture<SentMessage> call : calls) {
			assertThat(call).isCompletedWithValueMatching((sent) -> !sent.messageId().isEmpty());
		}
		assertThat(this.lark.messages()).hasSize(4);
		assertThat(this.lark.requests(Endpoint.APPROVAL_SEND)).hasSize(4);
	}

	@Test
	void closeWaitsNoLongerThanTheShutdownTimeoutAndTheCallsStillRunningFail() {
		assertCloseEndsTheCallsInFlightAfterTheGracePeriod(builder());
	}

	/** A given connector outlives the messenger: its calls in flight end with the grace period all the same. */
	@Test
	void theCallsOfAGivenConnectorEndWithTheGracePeriodToo() {
		assertCloseEndsTheCallsInFlightAfterTheGracePeriod(builder().clientConnector(new JdkClientHttpConnector()));
	}

	private void assertCloseEndsTheCallsInFlightAfterTheGracePeriod(ApprovalBotMessengerBuilder builder) {
		this.lark.inject(Fault.delay(Duration.ofSeconds(5)).times(2));
		ApprovalBotMessenger messenger = build(builder.shutdownTimeout(Duration.ofMillis(300)));
		List<Mono<SentMessage>> calls = IntStream.range(0, 2).mapToObj((i) -> send(messenger).cache()).toList();
		calls.forEach((call) -> call.subscribe(null, (ex) -> {
		}));
		await().until(() -> this.lark.requests(Endpoint.APPROVAL_SEND).size() == 2);

		long start = System.nanoTime();
		messenger.close();
		Duration closing = Duration.ofNanos(System.nanoTime() - start);

		assertThat(closing).as("the grace period, then the release of the HTTP resources")
			.isGreaterThanOrEqualTo(Duration.ofMillis(300))
			.isLessThan(Duration.ofMillis(300 + 1500));
		for (Mono<SentMessage> call : calls) {
			// Never the 5 s answer, nor a wait without end: the calls end with the grace period.
			assertThatExceptionOfType(LarkTransientException.class).isThrownBy(() -> call.block(Duration.ofSeconds(2)))
				.satisfies((ex) -> {
					assertThat(ex.isAmbiguous()).as("the request had reached Lark").isTrue();
					assertThat(ex.httpStatus()).isZero();
					assertThat(ex.getMessage()).contains("closed before Lark answered");
				});
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void aCallWaitingToRetryEndsWithTheGracePeriodNotWithItsBackoff() {
		this.lark.inject(Fault.serverError().times(100));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		ApprovalBotMessenger messenger = build(builder().shutdownTimeout(Duration.ofMillis(200))
			.callTimeout(Duration.ofSeconds(60))
			.retry(new RetrySettings(100, Duration.ofSeconds(5), Duration.ofSeconds(5), 0))
			.observationRegistry(observations));
		Mono<SentMessage> call = send(messenger).cache();
		call.subscribe(null, (ex) -> {
		});
		// The retry is observed as its 5 s backoff begins.
		await().until(() -> meters.find(LarkObservationDocumentation.RETRIES).timer() != null);

		long start = System.nanoTime();
		messenger.close();

		assertThatExceptionOfType(LarkTransientException.class).isThrownBy(() -> call.block(Duration.ofSeconds(3)))
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).as("the failure it was waiting to retry").isEqualTo(500);
				assertThat(ex.uuid()).isNotNull();
			});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("ended with the grace period")
			.isLessThan(Duration.ofMillis(200 + 1500));
		assertThat(this.lark.requests(Endpoint.APPROVAL_SEND)).hasSize(1);
	}

}
