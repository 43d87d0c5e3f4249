package io.github.larkapprovalbot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.ApprovalBotMessengers;
import io.github.larkapprovalbot.LarkObservationConvention;
import io.github.larkapprovalbot.apps.AppRegistry;
import io.github.larkapprovalbot.listener.ApprovalActionListenerMethodProcessor;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validator;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the Lark approval bot: on when a Lark app is configured, the top-level one
 * ({@code lark.approval-bot.app-id}) or named ones ({@code lark.approval-bot.apps.<name>.*}). Every bean backs off
 * when the application defines its own. The client is built by core's {@link ApprovalBotMessengerBuilder}; this class
 * only maps each app's properties and Spring Boot's HTTP settings onto it ({@link LarkMessengerBuilders}).
 * <p>
 * The top-level app is what an unqualified {@link ApprovalBotMessenger} or {@link TenantAccessTokenProvider}
 * injection gets; {@link ApprovalBotMessengers} reaches every app by name. A named app uses a
 * {@link TenantAccessTokenProvider} bean qualified with its name when there is one. Messengers are closed with the
 * context: calls in flight then finish within {@code lark.approval-bot.shutdown-timeout}, after the web server's
 * graceful shutdown has let the requests that started them end.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@Conditional(OnLarkAppsCondition.class)
@EnableConfigurationProperties(LarkApprovalBotProperties.class)
@Import({ LarkHttpConnectorConfigurations.ReactorNettyResourcesConfiguration.class,
		LarkHttpConnectorConfigurations.BootHttpClientConfiguration.class,
		LarkHttpConnectorConfigurations.PlainConfiguration.class })
public final class LarkApprovalBotAutoConfiguration {

	/**
	 * Every {@code @ApprovalActionListener} method, found whether or not an app has a callback endpoint, so that
	 * listeners no click can reach are warned of.
	 */
	@Bean
	@ConditionalOnMissingBean
	static ApprovalActionListenerMethodProcessor approvalActionListenerMethodProcessor(ObjectProvider<LarkApps> apps) {
		return new ApprovalActionListenerMethodProcessor(() -> {
			LarkApps configured = apps.getIfAvailable();
			return configured != null
					&& configured.all().values().stream().anyMatch((app) -> app.getCallback().getToken() != null);
		});
	}

	@Bean
	@ConditionalOnMissingBean
	LarkApps larkApps(Environment environment, LarkApprovalBotProperties properties) {
		return LarkApps.resolve(environment, properties);
	}

	@Bean
	LarkMessengerBuilders larkMessengerBuilders(LarkApps apps, ObjectProvider<WebClient.Builder> webClientBuilder,
			LarkHttpConnectorFactory connectors, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<Validator> validator, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<LarkObservationConvention> observationConvention,
			ObjectProvider<ApprovalBotMessengerBuilderCustomizer> customizers,
			ObjectProvider<CardRenderer> cardRenderer) {
		return new LarkMessengerBuilders(apps, webClientBuilder, connectors, jsonMapper, validator,
				observationRegistry, observationConvention, customizers, cardRenderer);
	}

	/**
	 * A builder of the top-level app with the properties, Spring Boot's HTTP client settings and every
	 * {@link ApprovalBotMessengerBuilderCustomizer} applied; a fresh one per injection point, like Boot's
	 * {@code WebClient.Builder}, so that an application can build further messengers from it.
	 */
	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	@ConditionalOnLarkProperty("app-id")
	ApprovalBotMessengerBuilder larkApprovalBotMessengerBuilder(LarkMessengerBuilders builders) {
		return builders.configured(AppRegistry.DEFAULT_APP);
	}

	/** Closed with the context: it owns nothing when the connector comes from the context, as it does here. */
	@Bean
	@Lazy
	@ConditionalOnMissingTopLevelBean(TenantAccessTokenProvider.class)
	@ConditionalOnLarkProperty("app-id")
	TenantAccessTokenProvider larkTenantAccessTokenProvider(LarkMessengerBuilders builders) {
		return builders.tokenProvider(AppRegistry.DEFAULT_APP);
	}

	/** Cheap to build: it makes its HTTP client and validator on its first call, off the caller's thread. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnLarkProperty("app-id")
	ApprovalBotMessenger approvalBotMessenger(LarkMessengerBuilders builders, BeanFactory beans) {
		return builders.messenger(AppRegistry.DEFAULT_APP, () -> tokenProvider(beans, builders, AppRegistry.DEFAULT_APP));
	}

	/** Every app's messenger; the top-level app's is the {@link ApprovalBotMessenger} bean. */
	@Bean
	@ConditionalOnMissingBean
	ApprovalBotMessengers approvalBotMessengers(LarkApps apps, LarkMessengerBuilders builders,
			ObjectProvider<ApprovalBotMessenger> topLevel, BeanFactory beans) {
		Map<String, ApprovalBotMessenger> messengers = new LinkedHashMap<>();
		for (String app : apps.names()) {
			messengers.put(app, AppRegistry.DEFAULT_APP.equals(app) ? topLevel.getObject()
					: builders.messenger(app, () -> tokenProvider(beans, builders, app)));
		}
		return new ApprovalBotMessengers(messengers);
	}

	/** An app's token provider: the application's for that app, or the app's own. */
	static TenantAccessTokenProvider tokenProvider(BeanFactory beans, LarkMessengerBuilders builders, String app) {
		return LarkAppBeans.forApp(beans, TenantAccessTokenProvider.class, app, () -> builders.tokenProvider(app));
	}

}
