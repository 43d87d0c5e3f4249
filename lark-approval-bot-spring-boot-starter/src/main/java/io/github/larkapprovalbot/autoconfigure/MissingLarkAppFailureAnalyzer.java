package io.github.larkapprovalbot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains a missing bean of the library (an {@code ApprovalBotMessenger}, say) when no Lark app is configured: Spring's
 * own analysis would only suggest defining one, while setting {@code lark.approval-bot.app-id} is what turns the starter
 * on. Runs before Spring Boot's generic analysis of missing beans.
 */
class MissingLarkAppFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	private final Environment environment;

	MissingLarkAppFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		Class<?> type = cause.getBeanType();
		if (type == null || !type.getName().startsWith("io.github.larkapprovalbot.")
				|| LarkApps.anyConfigured(this.environment)) {
			return null;
		}
		return new FailureAnalysis("A bean of type " + type.getName() + " is required, but the Lark approval bot "
				+ "starter is off: " + LarkApprovalBotProperties.PREFIX + ".app-id is not set (nor any "
				+ LarkApps.APPS + ".<name>.app-id).",
				"Set " + LarkApprovalBotProperties.PREFIX + ".app-id and " + LarkApprovalBotProperties.PREFIX
						+ ".app-secret: the App ID (cli_...) and App Secret of your internal app, from the Lark or "
						+ "Feishu developer console (Credentials & Basic Info). In tests, @AutoConfigureLarkSandbox "
						+ "sets them for the sandbox.",
				cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
