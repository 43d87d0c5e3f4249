package io.github.larkapprovalbot.autoconfigure.callback;

import java.util.Map;

import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties;
import io.github.larkapprovalbot.autoconfigure.LarkApps;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * On when an app has a callback token: {@code lark.approval-bot.callback.token} or
 * {@code lark.approval-bot.apps.<name>.callback.token}.
 */
class OnLarkCallbacksCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		boolean topLevel = binder.bind(LarkApprovalBotProperties.PREFIX + ".callback.token", String.class).isBound();
		boolean named = binder.bind(LarkApps.APPS, Bindable.mapOf(String.class, LarkApprovalBotProperties.class))
			.orElse(Map.of())
			.values()
			.stream()
			.anyMatch((app) -> app.getCallback().getToken() != null);
		return (topLevel || named) ? ConditionOutcome.match("a Lark app has a callback token")
				: ConditionOutcome.noMatch("no Lark app has a callback token");
	}

}
