package io.github.larkapprovalbot.autoconfigure.center;

import org.junit.jupiter.api.Test;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approval center loop on Spring MVC (Tomcat).
 */
class WebMvcApprovalCenterSandboxTests extends ApprovalCenterSandboxTests {

	@Test
	void runsOnTheServletStack() {
		assertThat(this.context).isInstanceOf(WebApplicationContext.class);
	}

}
