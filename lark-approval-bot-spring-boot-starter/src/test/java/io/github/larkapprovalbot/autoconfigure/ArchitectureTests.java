package io.github.larkapprovalbot.autoconfigure;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ArchitectureRules;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's packages are free of cycles, none of them is split with core, and its public types are the
 * auto-configurations Spring Boot loads, the properties and the customizer. A new public type is an API decision.
 */
class ArchitectureTests {

	private static final JavaClasses STARTER = ArchitectureRules.mainClassesOf(LarkApprovalBotAutoConfiguration.class);

	@Test
	void packagesAreFreeOfCycles() {
		ArchitectureRules.assertNoPackageCycles(STARTER);
	}

	@Test
	void noPackageIsSplitWithCore() {
		JavaClasses core = ArchitectureRules.mainClassesOf(ApprovalBotMessenger.class);
		assertThat(STARTER.stream().map(JavaClass::getPackageName).distinct())
			.doesNotContainAnyElementsOf(core.stream().map(JavaClass::getPackageName).distinct().toList());
	}

	@Test
	void publicTypesAreTheApi() {
		assertThat(ArchitectureRules.publicApi(STARTER)).containsExactly(
				"io.github.larkapprovalbot.autoconfigure.ApprovalBotMessengerBuilderCustomizer",
				"io.github.larkapprovalbot.autoconfigure.ConditionalOnLarkProperty",
				"io.github.larkapprovalbot.autoconfigure.ConditionalOnMissingTopLevelBean",
				"io.github.larkapprovalbot.autoconfigure.LarkAppBeans",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotHealthContributorAutoConfiguration",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Callback",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Center",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Center$Reconcile",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Helpdesk",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Http",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$I18n",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Limit",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Outbox",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Outbox$InitializeSchema",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Proxy",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Redis",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Retry",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Store",
				"io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties$Token",
				"io.github.larkapprovalbot.autoconfigure.LarkApps",
				"io.github.larkapprovalbot.autoconfigure.OnLarkAppsCondition",
				"io.github.larkapprovalbot.autoconfigure.callback.ApprovalActionStoreFactory",
				"io.github.larkapprovalbot.autoconfigure.callback.LarkApprovalCallbackAutoConfiguration",
				"io.github.larkapprovalbot.autoconfigure.center.ApprovalCenterStoreFactory",
				"io.github.larkapprovalbot.autoconfigure.center.LarkApprovalCenterAutoConfiguration",
				"io.github.larkapprovalbot.autoconfigure.outbox.LarkOutboxAutoConfiguration",
				"io.github.larkapprovalbot.autoconfigure.outbox.LarkOutboxDataSource",
				"io.github.larkapprovalbot.autoconfigure.outbox.MissingOutboxDataSourceException",
				"io.github.larkapprovalbot.autoconfigure.redis.LarkRedisStoreAutoConfiguration",
				"io.github.larkapprovalbot.autoconfigure.template.LarkCardTemplateAutoConfiguration",
				"io.github.larkapprovalbot.health.LarkApprovalBotHealthIndicator",
				"io.github.larkapprovalbot.health.LarkCallbacksHealthIndicator",
				"io.github.larkapprovalbot.health.LarkOutboxHealthIndicator",
				"io.github.larkapprovalbot.health.LarkStoreHealthIndicator",
				"io.github.larkapprovalbot.listener.ApprovalActionListenerMethodProcessor",
				"io.github.larkapprovalbot.redis.Bucket4jSharedRateLimits",
				"io.github.larkapprovalbot.redis.LarkRedisBuckets",
				"io.github.larkapprovalbot.redis.RedisApprovalActionStore",
				"io.github.larkapprovalbot.redis.RedisApprovalCenterStore",
				"io.github.larkapprovalbot.redis.RedisSharedTenantAccessTokens",
				"io.github.larkapprovalbot.rendering.CardCallback",
				"io.github.larkapprovalbot.rendering.InvalidCardTemplatesException",
				"io.github.larkapprovalbot.rendering.LarkCardTemplateRenderer",
				"io.github.larkapprovalbot.rendering.LarkCardTemplateStartupCheck",
				"io.github.larkapprovalbot.web.WebFluxCallbackEndpoint",
				"io.github.larkapprovalbot.web.WebMvcCallbackEndpoint");
	}

	/**
	 * {@code autoconfigure} holds configurations, properties, customizers and failure analyses; the runtime code they
	 * configure lives in packages named for what it is, usable without them.
	 */
	@Test
	void runtimeCodeDoesNotDependOnTheAutoConfiguration() {
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackage("io.github.larkapprovalbot.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.larkapprovalbot.autoconfigure..");
		rule.check(STARTER);
	}

}
