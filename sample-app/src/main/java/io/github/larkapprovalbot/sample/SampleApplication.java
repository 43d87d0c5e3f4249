package io.github.larkapprovalbot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The leave-request service. With no Lark credentials it talks to the embedded sandbox (see
 * {@code io.github.larkapprovalbot.sample.sandbox}); set {@code lark.approval-bot.app-id} and {@code app-secret} to
 * talk to Lark.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
