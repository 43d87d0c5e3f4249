package io.github.larkapprovalbot.autoconfigure.template.good;

import java.time.Duration;
import java.util.List;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.SentMessage;
import io.github.larkapprovalbot.UserIdType;
import io.github.larkapprovalbot.helpdesk.HelpdeskBotMessage;
import io.github.larkapprovalbot.message.ApprovalBotMessageUpdate;
import io.github.larkapprovalbot.message.MessageStatus;
import io.github.larkapprovalbot.test.LarkSandbox;
import io.github.larkapprovalbot.test.SandboxMessage;
import io.github.larkapprovalbot.test.SandboxRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spring Boot application with the starter, configured only through properties, talking to the Lark sandbox
 * through the one bean it injects.
 */
class StarterEndToEndTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	final LarkSandbox lark = LarkSandbox.builder()
		.credentials("cli_e2e", "e2e-secret")
		.helpdesk("12345", "ht-sometoken")
		.start();

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() {
		this.context = new SpringApplicationBuilder(LeaveApplication.class).web(WebApplicationType.NONE)
			.properties("lark.approval-bot.app-id=cli_e2e", "lark.approval-bot.app-secret=e2e-secret",
					"lark.approval-bot.base-url=" + this.lark.baseUrl(), "lark.approval-bot.helpdesk.id=12345",
					"lark.approval-bot.helpdesk.token=ht-sometoken",
					"lark.approval-bot.callback.url=https://oa.example.com/lark/approval/callback",
					"lark.approval-bot.callback.token=cb-token", "spring.messages.basename=lark-test-messages",
					"spring.messages.fallback-to-system-locale=false", "spring.reactor.netty.shutdown-quiet-period=0s")
			.run();
	}

	@AfterEach
	void stop() {
		this.context.close();
		this.lark.close();
	}

	@Test
	void sendsUpdatesPatchesAndSendsHelpdeskThroughTheInjectedBean() {
		ApprovalBotMessenger messenger = this.context.getBean(ApprovalBotMessenger.class);

		SentMessage card = messenger
			.sendCard(new LeaveCard("16fb9ff3", "family", 2, "a11b22c3", "https://oa.example.com/leave/42", "leave-42"))
			.block(BLOCK);
		messenger.update(ApprovalBotMessageUpdate.of(card.messageId(), MessageStatus.APPROVED)).block(BLOCK);
		this.lark.createCard("om_dc13264520392913993dd051dba21dcf", "oc_board", "{\"config\":{\"update_multi\":true}}");
		messenger.patchCard("om_dc13264520392913993dd051dba21dcf", "{\"config\":{\"update_multi\":true},\"elements\":[]}")
			.block(BLOCK);
		SentMessage helpdesk = messenger
			.sendHelpdesk(HelpdeskBotMessage.text("ou_7346484524", "Your request was approved"), UserIdType.OPEN_ID)
			.block(BLOCK);

		assertThat(this.lark.messagesTo("16fb9ff3")).singleElement().satisfies((message) -> {
			assertThat(message.messageId()).isEqualTo(card.messageId());
			assertThat(message.status()).isEqualTo("APPROVED");
		});
		assertThat(this.lark.messagesTo("ou_7346484524")).extracting(SandboxMessage::messageId)
			.containsExactly(helpdesk.messageId());
		assertThat(this.lark.message("om_dc13264520392913993dd051dba21dcf").patches()).isEqualTo(1);
		assertThat(this.lark.requests(SandboxRequest.Endpoint.TOKEN)).hasSize(1);
		List<SandboxRequest> api = this.lark.requests()
			.stream()
			.filter((request) -> request.endpoint() != SandboxRequest.Endpoint.TOKEN)
			.toList();
		assertThat(api).extracting(SandboxRequest::method).containsExactly("POST", "POST", "PATCH", "POST");
		assertThat(api).extracting(SandboxRequest::path)
			.containsExactly("/open-apis/approval/v1/message/send", "/open-apis/approval/v1/message/update",
					"/open-apis/im/v1/messages/om_dc13264520392913993dd051dba21dcf", "/open-apis/helpdesk/v1/message");
		JsonNode sent = JsonMapper.shared().readTree(api.get(0).body());
		assertThat(sent.path("uuid").asString()).isEqualTo("leave-42");
		assertThat(sent.at("/action_callback/action_callback_token").asString()).isEqualTo("cb-token");
		assertThat(sent.at("/i18n_resources/1/texts/@i18n@2").asString()).isEqualTo("Reason: family");
		assertThat(api.get(3).header("X-Lark-Helpdesk-Authorization")).isEqualTo("MTIzNDU6aHQtc29tZXRva2Vu");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LeaveApplication {

	}

}
