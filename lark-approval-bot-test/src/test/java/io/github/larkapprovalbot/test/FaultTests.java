package io.github.larkapprovalbot.test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Each injected fault does what it says, to the requests it is meant for, as many times as asked.
 */
class FaultTests {

	private final LarkSandbox sandbox = LarkSandbox.start();

	private final Wire wire = new Wire(this.sandbox);

	@AfterEach
	void close() {
		this.sandbox.close();
	}

	@Test
	void answersAreSentAndNothingIsApplied() {
		this.sandbox.inject(Fault.serverError());
		this.sandbox.inject(Fault.throttle(Duration.ofMillis(1500)));
		this.sandbox.inject(Fault.answer(502, "<html>bad gateway</html>").withHeader("Content-Type", "text/html"));

		String token = this.wire.token();
		Wire.Answer error = send(token);
		assertThat(error.status()).isEqualTo(500);
		assertThat(error.code()).isEqualTo(155000);
		Wire.Answer throttled = send(token);
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.code()).isEqualTo(99991400);
		assertThat(throttled.header("x-ogw-ratelimit-reset")).isEqualTo("2");
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> send(token));
		assertThat(this.sandbox.messages()).isEmpty();
		assertThat(send(token).code()).isZero();
		assertThat(this.sandbox.requests(SandboxRequest.Endpoint.APPROVAL_SEND)).extracting(SandboxRequest::fault)
			.containsExactly(Fault.serverError(), Fault.throttle(Duration.ofMillis(1500)),
					Fault.answer(502, "<html>bad gateway</html>").withHeader("Content-Type", "text/html"), null);
	}

	@Test
	void aDropBeforeTheWorkLosesTheRequestAndADropAfterItLosesOnlyTheAnswer() {
		String token = this.wire.token();
		this.sandbox.inject(Fault.dropBeforeWork());
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> send(token));
		assertThat(this.sandbox.messages()).isEmpty();

		this.sandbox.inject(Fault.dropAfterWork());
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> send(token));
		assertThat(this.sandbox.messages()).hasSize(1);
	}

	@Test
	void aFaultThatLastsADurationAppliesToEveryRequestUntilItEndsByTheSandboxsClock() {
		TestClock clock = new TestClock(Instant.parse("2026-12-02T09:00:00Z"));
		try (LarkSandbox outage = LarkSandbox.builder().clock(clock).start()) {
			Wire wire = new Wire(outage);
			String token = wire.token();
			outage.inject(Fault.answer(503, "{\"code\":1,\"msg\":\"down\"}").lasting(Duration.ofMinutes(2)));
			for (int i = 0; i < 5; i++) {
				assertThat(send(wire, token).status()).isEqualTo(503);
			}
			clock.advance(Duration.ofSeconds(119));
			assertThat(send(wire, token).status()).isEqualTo(503);
			clock.advance(Duration.ofSeconds(1));
			assertThat(send(wire, token).code()).isZero();
			assertThat(outage.messages()).hasSize(1);
			assertThat(outage.requests(SandboxRequest.Endpoint.APPROVAL_SEND)).extracting(SandboxRequest::fault)
				.filteredOn((fault) -> fault != null)
				.hasSize(6)
				.allSatisfy((fault) -> assertThat(fault.toString()).endsWith(" for PT2M"));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.serverError().lasting(Duration.ZERO));
		assertThatIllegalStateException().isThrownBy(() -> Fault.serverError().times(2).lasting(Duration.ofSeconds(1)));
		assertThatIllegalStateException().isThrownBy(() -> Fault.serverError().lasting(Duration.ofSeconds(1)).times(2));
	}

	@Test
	void aDelayedAnswerIsAppliedFirst() {
		String token = this.wire.token();
		this.sandbox.inject(Fault.delay(Duration.ofMillis(300)));
		long start = System.nanoTime();
		assertThat(send(token).code()).isZero();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(this.sandbox.messages()).hasSize(1);
	}

	@Test
	void aRevokedTokenIsRefusedAndReplaced() {
		String token = this.wire.token();
		this.sandbox.inject(Fault.revokeToken());
		assertThat(send(token).code()).isEqualTo(99991663);
		assertThat(send(token).code()).isEqualTo(99991663);
		String replacement = this.wire.token();
		assertThat(replacement).isNotEqualTo(token);
		assertThat(send(replacement).code()).isZero();
	}

	@Test
	void faultsApplyInOrderToTheirEndpointAsManyTimesAsAsked() {
		this.sandbox.inject(Fault.serverError().on(SandboxRequest.Endpoint.HELPDESK));
		this.sandbox.inject(Fault.throttle(Duration.ofSeconds(1)).times(2));
		this.sandbox.inject(Fault.answer(400, "{\"code\":10015,\"msg\":\"app secret invalid\"}").on(SandboxRequest.Endpoint.TOKEN));

		Wire.Answer token = this.wire.post("/open-apis/auth/v3/tenant_access_token/internal", null,
				Wire.JSON.createObjectNode().put("app_id", this.sandbox.appId()).put("app_secret", this.sandbox.appSecret()));
		assertThat(token.code()).isEqualTo(10015);
		String valid = this.wire.token();
		assertThat(send(valid).status()).isEqualTo(429);
		assertThat(send(valid).status()).isEqualTo(429);
		assertThat(send(valid).status()).isEqualTo(200);
		assertThat(this.wire.helpdesk(Wire.JSON.createObjectNode().put("msg_type", "text")
			.put("content", "{\"text\":\"hi\"}").put("receiver_id", "ou_1")).status()).isEqualTo(500);
	}

	@Test
	void randomFaultsAreRepeatableFromTheirSeed() {
		Map<Fault, Double> rates = new LinkedHashMap<>();
		rates.put(Fault.serverError(), 0.3);
		rates.put(Fault.throttle(Duration.ofSeconds(1)), 0.2);
		assertThat(statuses(rates)).isEqualTo(statuses(rates)).contains(200, 429, 500);
		assertThatIllegalArgumentException().isThrownBy(() -> this.sandbox.injectAtRandom(1, Map.of(Fault.serverError(), 1.5)));
	}

	private List<Integer> statuses(Map<Fault, Double> rates) {
		this.sandbox.reset();
		this.sandbox.injectAtRandom(42, rates);
		String token = this.wire.token();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			statuses.add(send(token, "u-" + i).status());
		}
		return statuses;
	}

	@Test
	void resetForgetsMessagesRequestsAndFaultsButKeepsTokensValid() {
		String token = this.wire.token();
		assertThat(send(token).code()).isZero();
		this.sandbox.inject(Fault.serverError());
		this.sandbox.reset();
		assertThat(this.sandbox.messages()).isEmpty();
		assertThat(this.sandbox.requests()).isEmpty();
		assertThat(send(token).code()).isZero();
	}

	private Wire.Answer send(String token) {
		return send(token, "u-1");
	}

	private Wire.Answer send(String token, String receiver) {
		return this.wire.post("/open-apis/approval/v1/message/send", token, Wire.pendingApproval(receiver));
	}

	private static Wire.Answer send(Wire wire, String token) {
		return wire.post("/open-apis/approval/v1/message/send", token, Wire.pendingApproval("u-1"));
	}

}
