package io.github.larkapprovalbot.autoconfigure;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.LarkObservationConvention;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the Lark approval bot: on when {@code lark.approval-bot.app-id} is set. Every bean backs
 * off when the application defines its own. The client is built by core's {@link ApprovalBotMessengerBuilder}; this
 * class only maps the properties and Spring Boot's HTTP settings onto it ({@link LarkMessengerBuilders}). The
 * messenger is closed with the context: calls in flight then finish within
 * {@code lark.approval-bot.shutdown-timeout}, after the web server's graceful shutdown has let the requests that
 * started them end.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@ConditionalOnProperty(prefix = LarkApprovalBotProperties.PREFIX, name = "app-id")
@EnableConfigurationProperties(LarkApprovalBotProperties.class)
@Import({ LarkHttpConnectorConfigurations.ReactorNettyResourcesConfiguration.class,
		LarkHttpConnectorConfigurations.BootHttpClientConfiguration.class,
		LarkHttpConnectorConfigurations.PlainConfiguration.class })
public final class LarkApprovalBotAutoConfiguration {

	@Bean
	LarkMessengerBuilders larkMessengerBuilders(LarkApprovalBotProperties properties,
			ObjectProvider<WebClient.Builder> webClientBuilder, LarkHttpConnectorFactory connectors,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<Validator> validator,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<LarkObservationConvention> observationConvention,
			ObjectProvider<ApprovalBotMessengerBuilderCustomizer> customizers) {
		return new LarkMessengerBuilders(properties, webClientBuilder, connectors, jsonMapper, validator,
				observationRegistry, observationConvention, customizers);
	}

	/**
	 * A builder with the properties, Spring Boot's HTTP client settings and every
	 * {@link ApprovalBotMessengerBuilderCustomizer} applied; a fresh one per injection point, like Boot's
	 * {@code WebClient.Builder}, so that an application can build further messengers (another app, say) from it.
	 */
	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	ApprovalBotMessengerBuilder larkApprovalBotMessengerBuilder(LarkMessengerBuilders builders) {
		return builders.configured();
	}

	/** Closed with the context: it owns nothing when the connector comes from the context, as it does here. */
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	TenantAccessTokenProvider larkTenantAccessTokenProvider(LarkMessengerBuilders builders) {
		return builders.tokenProvider();
	}

	/** Cheap to build: it makes its HTTP client and validator on its first call, off the caller's thread. */
	@Bean
	@ConditionalOnMissingBean
	ApprovalBotMessenger approvalBotMessenger(LarkMessengerBuilders builders,
			ObjectProvider<TenantAccessTokenProvider> tokenProvider, ObjectProvider<CardRenderer> cardRenderer) {
		ApprovalBotMessengerBuilder builder = builders.shared().tokenProvider(tokenProvider::getObject);
		cardRenderer.ifUnique(builder::cardRenderer);
		return builder.build();
	}

}
