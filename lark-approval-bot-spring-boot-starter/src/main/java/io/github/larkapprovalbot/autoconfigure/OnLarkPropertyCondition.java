package io.github.larkapprovalbot.autoconfigure;

import java.util.Map;
import java.util.Objects;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the {@link ConditionalOnLarkProperty} property is set in any property source, in any of Spring Boot's
 * relaxed forms, without resolving its value.
 */
class OnLarkPropertyCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = Objects
			.requireNonNull(metadata.getAnnotationAttributes(ConditionalOnLarkProperty.class.getName()));
		String property = LarkApprovalBotProperties.PREFIX + "." + attributes.get("value");
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
			if (source.getConfigurationProperty(name) != null) {
				return ConditionOutcome.match(property + " is set");
			}
		}
		return ConditionOutcome.noMatch(property + " is not set");
	}

}
