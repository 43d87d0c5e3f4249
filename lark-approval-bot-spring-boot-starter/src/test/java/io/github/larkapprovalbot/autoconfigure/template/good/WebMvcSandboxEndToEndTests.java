package io.github.larkapprovalbot.autoconfigure.template.good;

import org.junit.jupiter.api.Test;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox end to end on Spring MVC (Tomcat).
 */
class WebMvcSandboxEndToEndTests extends SandboxEndToEndTests {

	@Test
	void runsOnTheServletStack() {
		assertThat(this.context).isInstanceOf(WebApplicationContext.class);
	}

}
