package io.github.larkapprovalbot.test;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the sandbox of a test's context after each test method: Spring keeps the context, and its sandbox, for the
 * next test, which must not see what this one sent.
 */
class LarkSandboxTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			ApplicationContext context = testContext.getApplicationContext();
			if (context.containsBean(LarkSandboxContextCustomizer.BEAN_NAME)) {
				context.getBean(LarkSandboxContextCustomizer.BEAN_NAME, LarkSandbox.class).reset();
			}
		}
	}

}
