package io.github.larkapprovalbot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * On when named Lark apps are configured ({@code lark.approval-bot.apps.<name>.*}); {@link Without} is its opposite.
 */
class OnNamedLarkAppsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return LarkApps.anyNamed(context.getEnvironment()) ? ConditionOutcome.match("named Lark apps are configured")
				: ConditionOutcome.noMatch("no named Lark app is configured");
	}

	/** On when only the top-level app is configured. */
	static class Without extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return LarkApps.anyNamed(context.getEnvironment())
					? ConditionOutcome.noMatch("named Lark apps are configured")
					: ConditionOutcome.match("no named Lark app is configured");
		}

	}

}
