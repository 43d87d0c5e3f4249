package io.github.larkapprovalbot.autoconfigure.apps;

import org.junit.jupiter.api.Test;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two apps on one sandbox, on Spring MVC (Tomcat).
 */
class WebMvcSeveralAppsSandboxTests extends SeveralAppsSandboxTests {

	@Test
	void runsOnTheServletStack() {
		assertThat(this.context).isInstanceOf(WebApplicationContext.class);
	}

}
