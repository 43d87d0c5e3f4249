package io.github.larkapprovalbot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.LarkTransientException;
import io.github.larkapprovalbot.SentMessage;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static io.github.larkapprovalbot.WebClientApprovalBotMessengerTests.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Closing the context lets the calls to Lark in flight finish, within {@code lark.approval-bot.shutdown-timeout}, and
 * ends the ones still running after it instead of leaving their callers waiting.
 */
class GracefulShutdownTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LarkApprovalBotAutoConfiguration.class,
				WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, CodecsAutoConfiguration.class))
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=0s");

	private final LarkSandbox lark = LarkSandbox.start();

	@AfterEach
	void closeLark() {
		this.lark.close();
	}

	private String[] credentials() {
		return new String[] { "lark.approval-bot.app-id=" + this.lark.appId(),
				"lark.approval-bot.app-secret=" + this.lark.appSecret(),
				"lark.approval-bot.base-url=" + this.lark.baseUrl() };
	}

	@Test
	void callsInFlightFinishWhenTheContextCloses() {
		this.lark.inject(Fault.delay(Duration.ofSeconds(1)).times(4));
		this.contextRunner.withPropertyValues(credentials()).run((context) -> {
			List<CompletableFuture<SentMessage>> calls = sendFour(context.getBean(ApprovalBotMessenger.class));

			long start = System.nanoTime();
			context.close();
			Duration closing = Duration.ofNanos(System.nanoTime() - start);

			for (CompletableFuture<SentMessage> call : calls) {
				assertThat(call.get(5, TimeUnit.SECONDS).messageId()).isNotBlank();
			}
			assertThat(this.lark.messages()).hasSize(4);
			assertThat(closing).as("the close waited for the answers").isGreaterThan(Duration.ofMillis(500));
		});
	}

	@Test
	void callsStillRunningAfterTheShutdownTimeoutEndWithAnError() {
		this.lark.inject(Fault.delay(Duration.ofSeconds(5)).times(4));
		this.contextRunner.withPropertyValues(credentials())
			.withPropertyValues("lark.approval-bot.shutdown-timeout=200ms")
			.run((context) -> {
				List<CompletableFuture<SentMessage>> calls = sendFour(context.getBean(ApprovalBotMessenger.class));

				long start = System.nanoTime();
				context.close();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));

				// Within the 5 s delay: a caller still waiting for Lark's answer then would be hanging.
				for (CompletableFuture<SentMessage> call : calls) {
					assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> call.get(3, TimeUnit.SECONDS))
						.withCauseInstanceOf(LarkTransientException.class);
				}
			});
	}

	/** Starts four sends and returns once Lark has received them all (and holds back their answers). */
	private List<CompletableFuture<SentMessage>> sendFour(ApprovalBotMessenger messenger) {
		List<CompletableFuture<SentMessage>> calls = IntStream.range(0, 4)
			.mapToObj((i) -> messenger.send(pendingApproval()).toFuture())
			.toList();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.lark.requests(SandboxRequest.Endpoint.APPROVAL_SEND).size() == 4);
		assertThat(calls).noneMatch(CompletableFuture::isDone);
		return calls;
	}

}
