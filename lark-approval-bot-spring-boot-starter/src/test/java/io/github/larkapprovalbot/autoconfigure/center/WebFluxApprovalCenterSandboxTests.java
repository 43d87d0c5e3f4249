package io.github.larkapprovalbot.autoconfigure.center;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approval center loop on Spring WebFlux (Reactor Netty).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class WebFluxApprovalCenterSandboxTests extends ApprovalCenterSandboxTests {

	@Test
	void runsOnTheReactiveStack() {
		assertThat(this.context).isInstanceOf(ReactiveWebApplicationContext.class);
	}

}
