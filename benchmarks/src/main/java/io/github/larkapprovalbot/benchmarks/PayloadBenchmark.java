package io.github.larkapprovalbot.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.larkapprovalbot.message.ApprovalBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessage.ActionConfig;
import io.github.larkapprovalbot.message.ApprovalBotMessageBuilder;
import io.github.larkapprovalbot.message.BotTemplate;
import io.github.larkapprovalbot.message.I18nText;
import io.github.larkapprovalbot.message.LarkLocale;
import io.github.larkapprovalbot.message.MessageStatus;
import io.github.larkapprovalbot.validation.PayloadValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validate + serialize of a full 1008 card: 5 summaries, 2 action configs, 3 locales. This is the work the client
 * does on every send before the request leaves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class PayloadBenchmark {

	private final PayloadValidator validator = PayloadValidator.createDefault();

	private final JsonMapper mapper = new JsonMapper();

	private ApprovalBotMessage message;

	@Setup
	public void setUp() {
		this.message = fullPendingApproval();
	}

	@Benchmark
	public byte[] validateAndSerialize() {
		return this.mapper.writeValueAsBytes(this.validator.validate(this.message));
	}

	@Benchmark
	public byte[] serializeOnly() {
		return this.mapper.writeValueAsBytes(this.message);
	}

	static ApprovalBotMessage fullPendingApproval() {
		return fullPendingApprovalBuilder().uuid("leave-42-16fb9ff3").build();
	}

	/** The same card without a uuid, which the outbox benchmarks leave to the outbox (it gives each send one). */
	static ApprovalBotMessageBuilder fullPendingApprovalBuilder() {
		var builder = ApprovalBotMessage.builder(BotTemplate.PENDING_APPROVAL)
			.toUserId("16fb9ff3")
			.approvalName(three("请假", "Leave", "休暇"))
			.titleUserId("a11b22c3")
			.applicant("a11b22c3", "od-5f2c")
			.note(three("来自 OA", "From OA", "OA から"))
			.detail("https://oa.example.com/leave/42")
			.callback("https://oa.example.com/lark/approval/callback", "cb-token", "cb-key", "leave-42")
			.actionConfig(ActionConfig.approve(MessageStatus.APPROVED).withReason(false, true))
			.actionConfig(ActionConfig.reject(MessageStatus.REJECTED).withReason(true, false),
					three("驳回", "Reject", "却下"));
		for (int i = 1; i <= 5; i++) {
			builder.summary(three("事由 " + i, "Reason " + i, "理由 " + i));
		}
		return builder;
	}

	private static I18nText three(String zh, String en, String ja) {
		return I18nText.of(Map.of(LarkLocale.ZH_CN, zh, LarkLocale.EN_US, en, LarkLocale.JA_JP, ja));
	}

}
