package io.github.larkapprovalbot.autoconfigure.callback.app;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.callback.ApprovalAction;
import io.github.larkapprovalbot.callback.ApprovalActionHandler;
import io.github.larkapprovalbot.callback.ApprovalActionListener;
import io.github.larkapprovalbot.callback.ApprovalActionRejectedException;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.MessageStatus;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * An application that handles quick-approval clicks the two ways the starter offers: a listener method (blocking)
 * for APPROVE and a handler bean (reactive) for REJECT. Both update the card themselves, as a card whose buttons have
 * no next_status needs.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CallbackTestApplication {

	@Bean
	LeaveApprovals leaveApprovals(ApprovalBotMessenger messenger) {
		return new LeaveApprovals(messenger);
	}

	@Bean
	ApprovalActionHandler rejections(ApprovalBotMessenger messenger, LeaveApprovals approvals) {
		return new ApprovalActionHandler() {
			@Override
			public Mono<Void> handle(ApprovalAction action) {
				approvals.received.add(action);
				return messenger.update(ApprovalBotMessageUpdate.of(String.valueOf(action.messageId()), MessageStatus.REJECTED))
					.then();
			}

			@Override
			public boolean supports(ApprovalAction action) {
				return "REJECT".equals(action.actionType());
			}
		};
	}

	/** Listener methods; {@code action_context} says how to behave. */
	public static class LeaveApprovals {

		public final List<ApprovalAction> received = new CopyOnWriteArrayList<>();

		/** Released by a test to let a {@code blocking} click finish. */
		public volatile CountDownLatch release = new CountDownLatch(0);

		/** Counted down when a {@code blocking} click has finished, uninterrupted. */
		public volatile CountDownLatch finished = new CountDownLatch(0);

		private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

		private final ApprovalBotMessenger messenger;

		LeaveApprovals(ApprovalBotMessenger messenger) {
			this.messenger = messenger;
		}

		@ApprovalActionListener(actionType = "APPROVE", approvalCode = "A389")
		void approve(ApprovalAction action) throws InterruptedException {
			this.received.add(action);
			switch (String.valueOf(action.actionContext())) {
				case "blocking" -> {
					this.release.await();
					this.finished.countDown();
				}
				case "refuse" -> throw new ApprovalActionRejectedException("The leave balance is too low");
				case "fail-once" -> {
					if (this.failedOnce.add(String.valueOf(action.taskId()))) {
						throw new IllegalStateException("database unavailable");
					}
				}
				case "update" -> this.messenger.blocking()
					.update(ApprovalBotMessageUpdate.of(String.valueOf(action.messageId()), MessageStatus.APPROVED));
				default -> {
				}
			}
		}

	}

}
