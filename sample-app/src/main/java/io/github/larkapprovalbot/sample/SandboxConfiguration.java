package io.github.larkapprovalbot.sample;

import io.github.larkapprovalbot.test.LarkSandbox;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The embedded Lark of the {@code sandbox} profile, the default one: a {@link LarkSandbox} on the port that
 * {@code application-sandbox.yml} points the starter at, accepting the credentials configured there, and holding the
 * leave board the sample patches. A test with {@code @AutoConfigureLarkSandbox} brings its own sandbox instead.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
class SandboxConfiguration {

	/** The leave board as the sandbox first shows it, before any decision patches it. */
	static final String BOARD_CARD = """
			{"config":{"update_multi":true},
			 "header":{"title":{"tag":"plain_text","content":"Leave board"}},
			 "elements":[{"tag":"div","text":{"tag":"lark_md","content":"No decision yet."}}]}""";

	static final String BOARD_CHAT = "leave-board-group";

	private static final Log logger = LogFactory.getLog(SandboxConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	LarkSandbox larkSandbox(@Value("${sample.sandbox.port}") int port,
			@Value("${lark.approval-bot.app-id}") String appId, @Value("${lark.approval-bot.app-secret}") String appSecret,
			@Value("${lark.approval-bot.helpdesk.id}") String helpdeskId,
			@Value("${lark.approval-bot.helpdesk.token}") String helpdeskToken, SampleProperties sample) {
		LarkSandbox sandbox = LarkSandbox.builder()
			.port(port)
			.credentials(appId, appSecret)
			.helpdesk(helpdeskId, helpdeskToken)
			.start();
		sandbox.createCard(sample.boardMessageId(), BOARD_CHAT, BOARD_CARD);
		return sandbox;
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> inboxAnnouncer(LarkSandbox sandbox) {
		return (event) -> logger.info("Lark sandbox running (profile 'sandbox'). Inbox: " + sandbox.inboxUrl());
	}

}
