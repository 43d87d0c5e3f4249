package io.github.larkapprovalbot.autoconfigure.template.good;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionListener;
import io.github.larkapprovalbot.test.AutoConfigureLarkSandbox;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user's own test looks like with {@code lark-approval-bot-test}: nothing configured but the annotation, a
 * {@code @LarkCardTemplate} card sent, seen by its receiver, approved with a click that goes through the real
 * callback endpoint, and shown with the button's next status. Subclasses run it on each web stack.
 */
@SpringBootTest(classes = SandboxEndToEndTests.ApprovalApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.messages.basename=lark-test-messages", "spring.reactor.netty.shutdown-quiet-period=0s" })
@AutoConfigureLarkSandbox
abstract class SandboxEndToEndTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	LarkSandbox lark;

	@Autowired
	ApprovalBotMessenger messenger;

	@Autowired
	Decisions decisions;

	@Test
	void aCardIsSentSeenApprovedAndShownApproved() {
		String id = this.messenger
			.sendCard(new LeaveCard("u-bob", "family", 2, "u-alice", "https://oa.example.com/leave/42", "leave-42"))
			.block(Duration.ofSeconds(10))
			.messageId();

		assertThat(this.lark.messagesTo("u-bob")).singleElement().satisfies((card) -> {
			assertThat(card.messageId()).isEqualTo(id);
			assertThat(card.templateId()).isEqualTo("1008");
			assertThat(card.status()).isEqualTo(SandboxMessage.PENDING);
		});

		assertThat(this.lark.click(id, "APPROVE")).isEqualTo(200);

		assertThat(this.lark.message(id).status()).isEqualTo("APPROVED");
		assertThat(this.decisions.actions).singleElement().satisfies((action) -> {
			assertThat(action.actionType()).isEqualTo("APPROVE");
			assertThat(action.actionContext()).isEqualTo("leave-42");
			assertThat(action.userId()).isEqualTo("u-bob");
		});
	}

	@Test
	void aRefusedClickLeavesTheCardPending() {
		String id = this.messenger
			.sendCard(new LeaveCard("u-carol", "trip", 9, "u-dave", "https://oa.example.com/leave/43", "leave-43"))
			.block(Duration.ofSeconds(10))
			.messageId();
		assertThat(this.lark.click(id, "REJECT", "too long")).isEqualTo(500);
		assertThat(this.lark.message(id).status()).isEqualTo(SandboxMessage.PENDING);
	}

	static class Decisions {

		final List<ApprovalAction> actions = new CopyOnWriteArrayList<>();

		@ApprovalActionListener(actionType = "APPROVE")
		void approve(ApprovalAction action) {
			this.actions.add(action);
		}

		@ApprovalActionListener(actionType = "REJECT")
		void reject(ApprovalAction action) {
			throw new IllegalStateException("the leave system is down");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ApprovalApplication {

		@Bean
		Decisions decisions() {
			return new Decisions();
		}

	}

}
