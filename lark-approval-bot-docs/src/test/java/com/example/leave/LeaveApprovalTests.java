package com.example.leave;

import io.github.larkapprovalbot.test.AutoConfigureLarkSandbox;
import io.github.larkapprovalbot.test.LarkSandbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureLarkSandbox
class LeaveApprovalTests {

    @Autowired
    LarkSandbox lark;

    @Autowired
    LeaveNotifier notifier;

    @Autowired
    LeaveDecisions decisions;

    @Test
    void approvingTheCardApprovesTheRequest() {
        String messageId = this.notifier.ask(new LeaveRequest("leave-42", "u-alice", "u-bob", "Family trip", 3));

        assertThat(this.lark.messagesTo("u-bob")).singleElement()
            .satisfies((card) -> assertThat(card.status()).isEqualTo("PENDING"));

        // the approver clicks Approve: the sandbox calls your app's callback endpoint, as Lark would
        assertThat(this.lark.click(messageId, "APPROVE")).isEqualTo(200);

        assertThat(this.decisions.decision("leave-42")).contains("APPROVE");
        assertThat(this.lark.message(messageId).status()).isEqualTo("APPROVED");
    }

    @Test
    void rejectingTheCardTakesTheApproversReason() {
        String messageId = this.notifier.ask(new LeaveRequest("leave-43", "u-alice", "u-bob", "Family trip", 3));

        assertThat(this.lark.click(messageId, "REJECT", "Not this week")).isEqualTo(200);

        assertThat(this.decisions.decision("leave-43")).contains("REJECT");
        assertThat(this.lark.message(messageId).status()).isEqualTo("REJECTED");
    }

}
