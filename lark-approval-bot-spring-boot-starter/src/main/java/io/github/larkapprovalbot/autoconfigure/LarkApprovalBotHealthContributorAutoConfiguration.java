package io.github.larkapprovalbot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.larkapprovalbot.apps.AppRegistry;
import io.github.larkapprovalbot.health.LarkApprovalBotHealthIndicator;
import io.github.larkapprovalbot.ApprovalBotMessenger;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Health of the Lark approval bot ({@code management.health.lark.enabled}), when Spring Boot's health support is
 * on the classpath: one indicator for the top-level app alone ({@code larkHealthIndicator}); with named apps, one
 * {@code lark} contributor with a part per app, so that a misconfigured app shows in its own part while the others
 * stay up. The health condition sits on nested classes: Spring reads every condition of a class before evaluating
 * any, so it must only be seen once the class check has passed.
 */
@AutoConfiguration(after = LarkApprovalBotAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
public final class LarkApprovalBotHealthContributorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ApprovalBotMessenger.class)
	@Conditional(OnNamedLarkAppsCondition.Without.class)
	@ConditionalOnEnabledHealthIndicator("lark")
	static class LarkHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "larkHealthIndicator")
		LarkApprovalBotHealthIndicator larkHealthIndicator(LarkMessengerBuilders builders, BeanFactory beans) {
			// Resolved on the first check, so that startup does not build the client for it.
			return new LarkApprovalBotHealthIndicator(() -> LarkApprovalBotAutoConfiguration.tokenProvider(beans,
					builders, AppRegistry.DEFAULT_APP));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(LarkApps.class)
	@Conditional(OnNamedLarkAppsCondition.class)
	@ConditionalOnEnabledHealthIndicator("lark")
	static class LarkAppsHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "larkHealthContributor")
		CompositeReactiveHealthContributor larkHealthContributor(LarkApps apps, LarkMessengerBuilders builders,
				BeanFactory beans) {
			Map<String, LarkApprovalBotHealthIndicator> parts = new LinkedHashMap<>();
			for (String app : apps.names()) {
				parts.put(app, new LarkApprovalBotHealthIndicator(
						() -> LarkApprovalBotAutoConfiguration.tokenProvider(beans, builders, app)));
			}
			return CompositeReactiveHealthContributor.fromMap(parts);
		}

	}

}
