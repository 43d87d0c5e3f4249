package io.github.larkapprovalbot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * On when a Lark app is configured: {@code lark.approval-bot.app-id} (the top-level app) or any
 * {@code lark.approval-bot.apps.<name>.*} key.
 */
public class OnLarkAppsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return LarkApps.anyConfigured(context.getEnvironment())
				? ConditionOutcome.match("a Lark app is configured (lark.approval-bot.app-id or .apps.*)")
				: ConditionOutcome.noMatch("no Lark app is configured (lark.approval-bot.app-id or .apps.*)");
	}

}
