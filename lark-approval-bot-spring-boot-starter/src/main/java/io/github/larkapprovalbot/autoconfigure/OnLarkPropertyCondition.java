package io.github.larkapprovalbot.autoconfigure;

import java.util.Map;
import java.util.Objects;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
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
		if (isSet(context.getEnvironment(), property)) {
			return ConditionOutcome.match(property + " is set");
		}
		return ConditionOutcome.noMatch(property + " is not set");
	}

	/**
	 * Returns whether a property is set in any property source, in any relaxed form, without resolving its value.
	 * @param environment the environment
	 * @param property the property's name
	 * @return whether it is set
	 */
	static boolean isSet(Environment environment, String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.getConfigurationProperty(name) != null) {
				return true;
			}
		}
		return false;
	}

}
