package io.github.larkapprovalbot.autoconfigure.outbox;

import java.util.Map;

import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties;
import io.github.larkapprovalbot.autoconfigure.LarkApps;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when an app has {@code outbox.enabled=true}, at the top level or under {@code apps.<name>}. */
class OnLarkOutboxCondition extends SpringBootCondition {

	static final String ENABLED = LarkApprovalBotProperties.PREFIX + ".outbox.enabled";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		boolean topLevel = binder.bind(ENABLED, Boolean.class).orElse(false);
		boolean anApp = binder.bind(LarkApps.APPS, Bindable.mapOf(String.class, LarkApprovalBotProperties.class))
			.orElse(Map.of())
			.values()
			.stream()
			.anyMatch((app) -> app.getOutbox().isEnabled());
		return (topLevel || anApp) ? ConditionOutcome.match("the Lark outbox is enabled")
				: ConditionOutcome.noMatch("no Lark app has outbox.enabled=true");
	}

}
