package io.github.larkapprovalbot.autoconfigure.template.good;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox end to end on Spring WebFlux (Reactor Netty).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class WebFluxSandboxEndToEndTests extends SandboxEndToEndTests {

	@Test
	void runsOnTheReactiveStack() {
		assertThat(this.context).isInstanceOf(ReactiveWebApplicationContext.class);
	}

}
