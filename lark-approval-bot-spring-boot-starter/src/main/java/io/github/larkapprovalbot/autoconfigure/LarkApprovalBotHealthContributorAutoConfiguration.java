package io.github.larkapprovalbot.autoconfigure;

import io.github.larkapprovalbot.health.LarkApprovalBotHealthIndicator;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of the Lark approval bot ({@code management.health.lark.enabled}), when Spring Boot's health support is
 * on the classpath. The health condition sits on a nested class: Spring reads every condition of a class before
 * evaluating any, so it must only be seen once the class check has passed.
 */
@AutoConfiguration(after = LarkApprovalBotAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
public final class LarkApprovalBotHealthContributorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(TenantAccessTokenProvider.class)
	@ConditionalOnEnabledHealthIndicator("lark")
	static class LarkHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "larkHealthIndicator")
		LarkApprovalBotHealthIndicator larkHealthIndicator(ObjectProvider<TenantAccessTokenProvider> tokenProvider) {
			// Resolved on the first check, so that startup does not build the client for it.
			return new LarkApprovalBotHealthIndicator(tokenProvider::getObject);
		}

	}

}
