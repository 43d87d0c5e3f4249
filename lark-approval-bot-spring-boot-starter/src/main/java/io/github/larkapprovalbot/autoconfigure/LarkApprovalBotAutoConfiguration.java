package io.github.larkapprovalbot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.client.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.client.RateLimitSettings;
import io.github.larkapprovalbot.client.RetrySettings;
import io.github.larkapprovalbot.client.WebClientApprovalBotMessenger;
import io.github.larkapprovalbot.client.WebClientTenantAccessTokenFetcher;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.template.LarkCardTemplateProcessor;
import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.github.larkapprovalbot.validation.PayloadValidator;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the Lark approval bot: on when {@code lark.approval-bot.app-id} is set. Every bean backs
 * off when the application defines its own.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@ConditionalOnProperty(prefix = LarkApprovalBotProperties.PREFIX, name = "app-id")
@EnableConfigurationProperties(LarkApprovalBotProperties.class)
public final class LarkApprovalBotAutoConfiguration {

	private final LarkApprovalBotProperties properties;

	private @Nullable ClientHttpConnector connector;

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
		this.properties = properties;
	}

	@Bean
	@ConditionalOnMissingBean
	TenantAccessTokenProvider larkTenantAccessTokenProvider(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		WebClient webClient = webClientBuilder.getIfAvailable(WebClient::builder)
			.clone()
			.clientConnector(connector(connectorBuilder, httpClientSettings))
			.build();
		WebClientTenantAccessTokenFetcher fetcher = new WebClientTenantAccessTokenFetcher(webClient,
				this.properties.getBaseUrl(), this.properties.getAppId(), this.properties.getAppSecret(),
				jsonMapper.getIfAvailable(JsonMapper::shared), this.properties.getResponseTimeout(),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		return new CachingTenantAccessTokenProvider(this.properties.getAppId(), this.properties.getAppSecret(),
				fetcher, this.properties.getToken().getSkew());
	}

	@Bean
	@ConditionalOnMissingBean(CardRenderer.class)
	LarkCardTemplateProcessor larkCardTemplateProcessor(BeanFactory beanFactory, MessageSource messageSource) {
		LarkApprovalBotProperties.Callback callback = this.properties.getCallback();
		return new LarkCardTemplateProcessor(beanFactory, messageSource, this.properties.getI18n().getDefaultLocale(),
				this.properties.getI18n().getLocales(), callback.getUrl(), callback.getToken(), callback.getKey());
	}

	@Bean
	@ConditionalOnMissingBean(ApprovalBotMessenger.class)
	WebClientApprovalBotMessenger approvalBotMessenger(TenantAccessTokenProvider tokenProvider,
			CardRenderer cardRenderer, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<Validator> validator, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ApprovalBotMessengerBuilderCustomizer> customizers) {
		LarkApprovalBotProperties props = this.properties;
		LarkApprovalBotProperties.Retry retry = props.getRetry();
		LarkApprovalBotProperties.RateLimit limits = props.getRateLimit();
		ApprovalBotMessengerBuilder builder = ApprovalBotMessenger.builder()
			.credentials(props.getAppId(), props.getAppSecret())
			.baseUrl(props.getBaseUrl())
			.approvalPathStyle(props.getApprovalPathStyle())
			.legacyApprovalBaseUrl(props.getLegacyApprovalBaseUrl())
			.responseTimeout(props.getResponseTimeout())
			.callTimeout(props.getCallTimeout())
			.retry(new RetrySettings(retry.getMaxRetries(), retry.getMinBackoff(), retry.getMaxBackoff(),
					retry.getJitter()))
			.rateLimits(new RateLimitSettings(limits.getSendPerSecond(), limits.getSendPerMinute(),
					limits.getPatchPerSecond(), limits.getPatchPerMessagePerSecond(), limits.getHelpdeskPerMinute()))
			.tokenProvider(tokenProvider)
			.cardRenderer(cardRenderer)
			.webClientBuilder(webClientBuilder.getIfAvailable(WebClient::builder))
			.clientConnector(connector(connectorBuilder, httpClientSettings))
			.jsonMapper(jsonMapper.getIfAvailable(JsonMapper::shared))
			.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		validator.ifAvailable((v) -> builder.validator(new PayloadValidator(v)));
		if (props.getHelpdesk().getId() != null && props.getHelpdesk().getToken() != null) {
			builder.helpdesk(props.getHelpdesk().getId(), props.getHelpdesk().getToken());
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * Builds the HTTP connector from Boot's connector builder and {@code spring.http.clients.*} settings, with the
	 * connect timeout of our own properties when set. Reactor Netty's own retry is turned off so that the messenger
	 * alone decides whether a request may be repeated. Built once, shared by the token fetcher and the messenger.
	 */
	private synchronized ClientHttpConnector connector(ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		if (this.connector != null) {
			return this.connector;
		}
		ClientHttpConnectorBuilder<?> builder = connectorBuilder.getIfAvailable(ClientHttpConnectorBuilder::detect);
		if (builder instanceof ReactorClientHttpConnectorBuilder reactor) {
			builder = reactor.withHttpClientCustomizer((client) -> client.disableRetry(true));
		}
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults);
		Duration connectTimeout = this.properties.getConnectTimeout();
		if (connectTimeout != null) {
			settings = settings.withConnectTimeout(connectTimeout);
		}
		this.connector = builder.build(settings);
		return this.connector;
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
