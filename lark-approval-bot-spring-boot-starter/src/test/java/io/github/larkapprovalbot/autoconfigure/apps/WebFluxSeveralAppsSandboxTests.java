package io.github.larkapprovalbot.autoconfigure.apps;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two apps on one sandbox, on Spring WebFlux (Reactor Netty).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class WebFluxSeveralAppsSandboxTests extends SeveralAppsSandboxTests {

	@Test
	void runsOnTheReactiveStack() {
		assertThat(this.context).isInstanceOf(ReactiveWebApplicationContext.class);
	}

}
