package io.github.larkapprovalbot.autoconfigure;

import java.util.Map;
import java.util.Objects;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Checks {@link ConditionalOnMissingTopLevelBean}, once the application's bean definitions are registered.
 */
class OnMissingTopLevelBeanCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = Objects
			.requireNonNull(metadata.getAnnotationAttributes(ConditionalOnMissingTopLevelBean.class.getName()));
		Class<?> type = (Class<?>) Objects.requireNonNull(attributes.get("value"));
		ConfigurableListableBeanFactory beans = Objects.requireNonNull(context.getBeanFactory());
		return LarkAppBeans.hasTopLevel(beans, type)
				? ConditionOutcome.noMatch("the application has a " + type.getSimpleName() + " for the top-level app")
				: ConditionOutcome.match("no " + type.getSimpleName() + " for the top-level app");
	}

}
