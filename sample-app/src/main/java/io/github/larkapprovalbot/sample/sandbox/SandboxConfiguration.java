package io.github.larkapprovalbot.sample.sandbox;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Owns the sandbox the environment post-processor started: stops it with the application and prints the outbox URL
 * once the application is ready.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(LarkSandboxEnvironmentPostProcessor.RUNNING_PORT)
class SandboxConfiguration {

	private static final Log logger = LogFactory.getLog(SandboxConfiguration.class);

	@Bean(destroyMethod = "close")
	LarkSandbox larkSandbox(@Value("${" + LarkSandboxEnvironmentPostProcessor.RUNNING_PORT + "}") int port) {
		return LarkSandbox.running(port);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> outboxAnnouncer(LarkSandbox sandbox) {
		return (event) -> logger.info("Lark sandbox running (no Lark credentials configured). Outbox: "
				+ sandbox.outboxUrl());
	}

}
