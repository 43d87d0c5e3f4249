package io.github.larkapprovalbot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The leave-request service. In the default {@code sandbox} profile it talks to an embedded Lark sandbox (see
 * {@link SandboxConfiguration}); with another profile and real credentials it talks to Lark.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
