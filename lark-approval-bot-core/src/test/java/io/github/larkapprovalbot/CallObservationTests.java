package io.github.larkapprovalbot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.test.Fault;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxRequest.Endpoint;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the observations of calls record: how a call ended (an invalid payload, a success that lacks what it must
 * carry), that the WebClient's own observation of each exchange is a child of the call's, and that a convention given
 * to the builder names the observations.
 */
class CallObservationTests {

	private static final Duration BLOCK = Duration.ofSeconds(20);

	private final LarkSandbox lark = LarkSandbox.start();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<ApprovalBotMessenger> messengers = new ArrayList<>();

	@AfterEach
	void close() {
		this.messengers.forEach(ApprovalBotMessenger::close);
		this.lark.close();
	}

	private ApprovalBotMessenger messenger(ObservationRegistry observations) {
		return messenger(builder().observationRegistry(observations));
	}

	private ApprovalBotMessenger messenger(ApprovalBotMessengerBuilder builder) {
		ApprovalBotMessenger messenger = builder.build();
		this.messengers.add(messenger);
		return messenger;
	}

	private ApprovalBotMessengerBuilder builder() {
		return new ApprovalBotMessengerBuilder().credentials(this.lark.appId(), this.lark.appSecret())
			.baseUrl(this.lark.baseUrl())
			.retry(new RetrySettings(3, Duration.ofMillis(20), Duration.ofMillis(100), 0.5));
	}

	private static ObservationRegistry observedBy(MeterRegistry meters) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		return observations;
	}

	private Timer requests(String endpoint, String outcome) {
		return this.meters.get(DefaultLarkObservationConvention.REQUESTS)
			.tag("endpoint", endpoint)
			.tag("outcome", outcome)
			.timer();
	}

	@Test
	void anInvalidPayloadIsRecordedAsInvalid() {
		ApprovalBotMessage valid = WebClientApprovalBotMessengerTests.pendingApproval();
		ApprovalBotMessage withoutRecipient = new ApprovalBotMessage(valid.templateId(), null, null, valid.uuid(),
				valid.approvalName(), valid.titleUserId(), valid.titleUserIdType(), valid.comment(), valid.content(),
				valid.note(), valid.senderUserId(), valid.text(), valid.actions(), valid.actionCallback(),
				valid.actionConfigs(), valid.customTitle(), valid.customContent(), valid.i18nResources());
		ApprovalBotMessenger messenger = messenger(observedBy(this.meters));

		assertThatExceptionOfType(ConstraintViolationException.class)
			.isThrownBy(() -> messenger.send(withoutRecipient).block(BLOCK))
			.withMessageContaining("user_id or open_id is required");

		Timer invalid = requests("message.send", "invalid");
		assertThat(invalid.count()).isEqualTo(1);
		assertThat(invalid.getId().getTag("code")).isEqualTo("none");
		assertThat(this.meters.find(DefaultLarkObservationConvention.REQUESTS).tag("endpoint", "message.send").timers())
			.as("the only observation of the send").containsExactly(invalid);
		assertThat(this.lark.requests(Endpoint.APPROVAL_SEND)).isEmpty();
	}

	@Test
	void aSuccessWithoutTheMessageIdIsRecordedAsTerminalNotAsSuccess() {
		this.lark.inject(Fault.answer(200, "{\"code\":0,\"msg\":\"ok\",\"data\":{}}"));
		ApprovalBotMessenger messenger = messenger(observedBy(this.meters));

		assertThatExceptionOfType(LarkTerminalException.class)
			.isThrownBy(() -> messenger.send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK))
			.satisfies((ex) -> {
				assertThat(ex.code()).isZero();
				assertThat(ex.httpStatus()).isEqualTo(200);
				assertThat(ex.getMessage()).contains("no data.message_id");
			});

		Timer terminal = requests("message.send", "terminal");
		assertThat(terminal.count()).isEqualTo(1);
		assertThat(terminal.getId().getTag("code")).isEqualTo("0");
		assertThat(this.meters.find(DefaultLarkObservationConvention.REQUESTS)
			.tag("endpoint", "message.send")
			.tag("outcome", "success")
			.timers()).isEmpty();
		assertThat(this.lark.requests(Endpoint.APPROVAL_SEND)).as("a terminal failure is not retried").hasSize(1);
	}

	@Test
	void theHttpClientsObservationOfEachExchangeIsAChildOfTheCallsObservation() {
		List<Observation.Context> started = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				started.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		ApprovalBotMessenger messenger = messenger(observations);

		messenger.send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK);

		LarkObservationContext send = larkCall(started, LarkEndpoint.MESSAGE_SEND);
		LarkObservationContext token = larkCall(started, LarkEndpoint.TENANT_ACCESS_TOKEN);
		List<ClientRequestObservationContext> exchanges = started.stream()
			.filter(ClientRequestObservationContext.class::isInstance)
			.map(ClientRequestObservationContext.class::cast)
			.toList();
		assertThat(exchanges).as("one exchange for the token, one for the send").hasSize(2);
		assertThat(exchanges).allSatisfy((exchange) -> assertThat(exchange.getName()).isEqualTo("http.client.requests"));
		assertThat(parentOf(exchange(exchanges, "/open-apis/approval/v1/message/send"))).isSameAs(send);
		assertThat(parentOf(exchange(exchanges, "/open-apis/auth/v3/tenant_access_token/internal"))).isSameAs(token);
	}

	private static LarkObservationContext larkCall(List<Observation.Context> started, LarkEndpoint endpoint) {
		return started.stream()
			.filter(LarkObservationContext.class::isInstance)
			.map(LarkObservationContext.class::cast)
			.filter((context) -> context.getEndpoint() == endpoint)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no observation of " + endpoint + " in " + started));
	}

	private static ClientRequestObservationContext exchange(List<ClientRequestObservationContext> exchanges,
			String path) {
		return exchanges.stream()
			.filter((exchange) -> Objects.requireNonNull(exchange.getRequest()).url().getPath().equals(path))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no exchange with " + path));
	}

	private static Observation.ContextView parentOf(Observation.Context context) {
		ObservationView parent = context.getParentObservation();
		assertThat(parent).as("parent of " + context).isNotNull();
		return parent.getContextView();
	}

	@Test
	void aConventionGivenToTheBuilderNamesTheObservations() {
		LarkObservationConvention convention = new LarkObservationConvention() {

			@Override
			public String getName() {
				return "custom.lark.calls";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(LarkObservationContext context) {
				return KeyValues.of("lark.endpoint", context.getEndpoint().tag());
			}

		};
		ApprovalBotMessenger messenger = messenger(
				builder().observationRegistry(observedBy(this.meters)).observationConvention(convention));

		messenger.send(WebClientApprovalBotMessengerTests.pendingApproval()).block(BLOCK);

		assertThat(this.meters.get("custom.lark.calls").tag("lark.endpoint", "message.send").timer().count())
			.isEqualTo(1);
		assertThat(this.meters.find(DefaultLarkObservationConvention.REQUESTS).meters()).isEmpty();
	}

}
