package io.github.larkapprovalbot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.RateLimitSettings;
import io.github.larkapprovalbot.RetrySettings;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.github.larkapprovalbot.validation.PayloadValidator;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the Lark approval bot: on when {@code lark.approval-bot.app-id} is set. Every bean backs
 * off when the application defines its own. The client is built by core's {@link ApprovalBotMessengerBuilder}; this
 * class only maps the properties and Spring Boot's HTTP settings onto it.
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

	LarkApprovalBotAutoConfiguration(LarkApprovalBotProperties properties) {
		List<String> missing = new ArrayList<>();
		if (isBlank(properties.getAppId())) {
			missing.add(LarkApprovalBotProperties.PREFIX + ".app-id");
		}
		if (isBlank(properties.getAppSecret())) {
			missing.add(LarkApprovalBotProperties.PREFIX + ".app-secret");
		}
		if (!missing.isEmpty()) {
			throw new MissingLarkCredentialsException(missing);
		}
	}

	/**
	 * A builder with the properties, Spring Boot's HTTP client settings and every
	 * {@link ApprovalBotMessengerBuilderCustomizer} applied; a fresh one per injection point, like Boot's
	 * {@code WebClient.Builder}, so that an application can build further messengers (another app, say) from it.
	 */
	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	ApprovalBotMessengerBuilder larkApprovalBotMessengerBuilder(LarkApprovalBotProperties properties,
			ObjectProvider<WebClient.Builder> webClientBuilder, LarkHttpConnectorFactory connectors,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<Validator> validator,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ApprovalBotMessengerBuilderCustomizer> customizers) {
		// The constructor has made sure both credentials are there.
		ApprovalBotMessengerBuilder builder = ApprovalBotMessenger.builder()
			.credentials(Objects.requireNonNull(properties.getAppId()), Objects.requireNonNull(properties.getAppSecret()));
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::getBaseUrl).to(builder::baseUrl);
		map.from(properties::getApprovalPathStyle).to(builder::approvalPathStyle);
		map.from(properties::getLegacyApprovalBaseUrl).to(builder::legacyApprovalBaseUrl);
		map.from(properties::getResponseTimeout).to(builder::responseTimeout);
		map.from(properties::getCallTimeout).to(builder::callTimeout);
		map.from(properties::getRetry).as(LarkApprovalBotAutoConfiguration::retrySettings).to(builder::retry);
		map.from(properties::getRateLimit)
			.as(LarkApprovalBotAutoConfiguration::rateLimitSettings)
			.to(builder::rateLimits);
		map.from(properties.getToken()::getSkew).to(builder::tokenSkew);
		String helpdeskId = properties.getHelpdesk().getId();
		String helpdeskToken = properties.getHelpdesk().getToken();
		if (helpdeskId != null && helpdeskToken != null) {
			builder.helpdesk(helpdeskId, helpdeskToken);
		}
		builder.webClientBuilder(webClientBuilder.getIfAvailable(WebClient::builder))
			.clientConnector(connectors.create())
			.jsonMapper(jsonMapper.getIfAvailable(JsonMapper::shared))
			.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		validator.ifUnique((bean) -> builder.validator(new PayloadValidator(bean)));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	/** Made on first use: by the messenger's first call, or the first health check. */
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	TenantAccessTokenProvider larkTenantAccessTokenProvider(ApprovalBotMessengerBuilder builder) {
		return builder.buildTokenProvider();
	}

	/** Built on its first call; see {@link LazyApprovalBotMessenger}. */
	@Bean
	@ConditionalOnMissingBean
	ApprovalBotMessenger approvalBotMessenger(ObjectProvider<ApprovalBotMessengerBuilder> builder,
			ObjectProvider<TenantAccessTokenProvider> tokenProvider, ObjectProvider<CardRenderer> cardRenderer) {
		return new LazyApprovalBotMessenger(() -> {
			ApprovalBotMessengerBuilder messenger = builder.getObject().tokenProvider(tokenProvider.getObject());
			cardRenderer.ifUnique(messenger::cardRenderer);
			return messenger.build();
		});
	}

	private static RetrySettings retrySettings(LarkApprovalBotProperties.Retry retry) {
		return new RetrySettings(retry.getMaxRetries(), retry.getMinBackoff(), retry.getMaxBackoff(),
				retry.getJitter());
	}

	private static RateLimitSettings rateLimitSettings(LarkApprovalBotProperties.RateLimit limits) {
		return new RateLimitSettings(limits.getSendPerSecond(), limits.getSendPerMinute(), limits.getPatchPerSecond(),
				limits.getPatchPerMessagePerSecond(), limits.getHelpdeskPerMinute());
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
