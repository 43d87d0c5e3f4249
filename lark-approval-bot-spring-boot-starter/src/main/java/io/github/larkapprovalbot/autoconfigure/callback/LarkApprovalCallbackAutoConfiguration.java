package io.github.larkapprovalbot.autoconfigure.callback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.github.larkapprovalbot.apps.AppRegistry;
import io.github.larkapprovalbot.autoconfigure.ConditionalOnLarkProperty;
import io.github.larkapprovalbot.autoconfigure.LarkAppBeans;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties;
import io.github.larkapprovalbot.autoconfigure.LarkApps;
import io.github.larkapprovalbot.autoconfigure.ConditionalOnMissingTopLevelBean;
import io.github.larkapprovalbot.callback.ApprovalActionHandler;
import io.github.larkapprovalbot.callback.ApprovalActionStore;
import io.github.larkapprovalbot.callback.ApprovalCallbackProcessor;
import io.github.larkapprovalbot.callback.CaffeineApprovalActionStore;
import io.github.larkapprovalbot.callback.ApprovalCallbackState;
import io.github.larkapprovalbot.callback.CallbackSettings;
import io.github.larkapprovalbot.health.LarkCallbacksHealthIndicator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.github.larkapprovalbot.listener.ApprovalActionListenerMethodProcessor;
import io.github.larkapprovalbot.web.WebFluxCallbackEndpoint;
import io.github.larkapprovalbot.web.WebMvcCallbackEndpoint;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The quick-approval callback endpoint of every app that has a callback token ({@code lark.approval-bot.callback.token}
 * for the top-level app at {@code callback.path}, {@code lark.approval-bot.apps.<name>.callback.token} for a named
 * app at its own path, {@code /lark/approval/callback/<name>} by default), for whichever web stack the application
 * runs. Each app's endpoint checks its own token and key, keeps its clicks in its own store, and tells the handlers
 * which app a click came to.
 */
@AutoConfiguration(after = LarkApprovalBotAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@Conditional(OnLarkCallbacksCondition.class)
@EnableConfigurationProperties(LarkApprovalBotProperties.class)
public final class LarkApprovalCallbackAutoConfiguration {

	/** Every handler bean and listener method, resolved on the first callback, when all of them are known. */
	@Bean
	LarkApprovalActionHandlers larkApprovalActionHandlers(ObjectProvider<ApprovalActionHandler> handlerBeans,
			ApprovalActionListenerMethodProcessor listeners) {
		return new LarkApprovalActionHandlers(SingletonSupplier.of(() -> {
			List<ApprovalActionHandler> all = new ArrayList<>(handlerBeans.orderedStream().toList());
			all.addAll(listeners.handlers());
			return List.copyOf(all);
		}));
	}

	/** The top-level app's store. */
	@Bean
	@ConditionalOnMissingTopLevelBean(ApprovalActionStore.class)
	@ConditionalOnLarkProperty("callback.token")
	ApprovalActionStore approvalActionStore(LarkApprovalBotProperties properties) {
		return memoryStore(properties);
	}

	/** The top-level app's processor. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnLarkProperty("callback.token")
	ApprovalCallbackProcessor approvalCallbackProcessor(LarkApprovalBotProperties properties,
			LarkApprovalActionHandlers handlers, BeanFactory beans, ObjectProvider<JsonMapper> jsonMapper) {
		ApprovalActionStore store = LarkAppBeans.forApp(beans, ApprovalActionStore.class, AppRegistry.DEFAULT_APP,
				() -> memoryStore(properties));
		return processor(AppRegistry.DEFAULT_APP, properties, handlers, store, jsonMapper);
	}

	/** Every app's processor, each at its app's callback path. */
	@Bean
	LarkCallbackEndpoints larkCallbackEndpoints(LarkApprovalBotProperties properties, ObjectProvider<LarkApps> apps,
			ObjectProvider<ApprovalCallbackProcessor> topLevel, LarkApprovalActionHandlers handlers,
			ObjectProvider<ApprovalActionStoreFactory> stores, ObjectProvider<JsonMapper> jsonMapper,
			BeanFactory beans) {
		Map<String, LarkCallbackEndpoints.Endpoint> endpoints = new LinkedHashMap<>();
		ApprovalCallbackProcessor top = topLevel.getIfAvailable();
		if (top != null) {
			endpoints.put(AppRegistry.DEFAULT_APP,
					new LarkCallbackEndpoints.Endpoint(properties.getCallback().getPath(), top));
		}
		LarkApps configured = apps.getIfAvailable();
		Map<String, LarkApprovalBotProperties> named = (configured != null) ? configured.all() : Map.of();
		named.forEach((app, appProperties) -> {
			if (!AppRegistry.DEFAULT_APP.equals(app) && appProperties.getCallback().getToken() != null) {
				ApprovalActionStore store = LarkAppBeans.forApp(beans, ApprovalActionStore.class, app,
						() -> stores.getIfAvailable(() -> (name, props) -> memoryStore(props)).create(app, appProperties));
				endpoints.put(app, new LarkCallbackEndpoints.Endpoint(appProperties.getCallback().getPath(),
						processor(app, appProperties, handlers, store, jsonMapper)));
			}
		});
		return new LarkCallbackEndpoints(endpoints);
	}

	private static ApprovalActionStore memoryStore(LarkApprovalBotProperties properties) {
		return new CaffeineApprovalActionStore(properties.getCallback().getMemoryStoreMaxSize().toBytes());
	}

	private static ApprovalCallbackProcessor processor(String app, LarkApprovalBotProperties properties,
			LarkApprovalActionHandlers handlers, ApprovalActionStore store, ObjectProvider<JsonMapper> jsonMapper) {
		LarkApprovalBotProperties.Callback callback = properties.getCallback();
		// Present: the condition on callback.token; not blank: the properties' validation.
		String token = Objects.requireNonNull(callback.getToken());
		return new ApprovalCallbackProcessor(app,
				new CallbackSettings(token, callback.getKey(), callback.getHandlerTimeout(), callback.getDuplicateWindow(),
						callback.getClaimLease(), callback.getMaxBodySize().toBytes()),
				handlers.supplier(), store, jsonMapper.getIfAvailable(JsonMapper::shared));
	}

	/** The health condition is only read once the class check has passed (see the health auto-configuration). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class CallbacksHealthConfiguration {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnEnabledHealthIndicator("larkcallbacks")
		static class CallbacksHealthIndicatorConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "larkCallbacksHealthIndicator")
			LarkCallbacksHealthIndicator larkCallbacksHealthIndicator(LarkCallbackEndpoints endpoints) {
				return new LarkCallbacksHealthIndicator(endpoints.processors());
			}

		}

	}

	/** The state of every app's callbacks as metrics, tagged with the app's name. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class CallbacksMetricsConfiguration {

		@Bean
		MeterBinder larkCallbacksMetrics(LarkCallbackEndpoints endpoints) {
			return (registry) -> endpoints.processors().forEach((app, processor) -> {
				counter(registry, "lark.approval-bot.callbacks.refused", app, processor,
						ApprovalCallbackState::refused, "Clicks refused with a retryable failure: the store did not answer");
				counter(registry, "lark.approval-bot.callbacks.leases.renewed", app, processor,
						ApprovalCallbackState::leasesRenewed, "Renewals of the claims of clicks being run");
				counter(registry, "lark.approval-bot.callbacks.leases.lost", app, processor,
						ApprovalCallbackState::leasesLost, "Claims whose owner could not keep them while the handlers ran");
				counter(registry, "lark.approval-bot.callbacks.outcomes-without-claim", app, processor,
						ApprovalCallbackState::outcomesWithoutClaim, "Outcomes that found their claim gone from the store");
			});
		}

		private static void counter(MeterRegistry registry, String name, String app, ApprovalCallbackProcessor processor,
				ToLongFunction<ApprovalCallbackState> count, String description) {
			FunctionCounter.builder(name, processor, (p) -> count.applyAsLong(p.state()))
				.tag("app", app)
				.description(description)
				.register(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
	static class WebFluxEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "larkApprovalCallbackRoute")
		org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> larkApprovalCallbackRoute(
				LarkCallbackEndpoints endpoints) {
			return endpoints.all()
				.values()
				.stream()
				.map((endpoint) -> WebFluxCallbackEndpoint.route(endpoint.path(), endpoint.processor()))
				.reduce(org.springframework.web.reactive.function.server.RouterFunction::and)
				.orElseThrow();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
	static class WebMvcEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "larkApprovalCallbackRoute")
		org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> larkApprovalCallbackRoute(
				LarkCallbackEndpoints endpoints) {
			return endpoints.all()
				.values()
				.stream()
				.map((endpoint) -> WebMvcCallbackEndpoint.route(endpoint.path(), endpoint.processor()))
				.reduce(org.springframework.web.servlet.function.RouterFunction::and)
				.orElseThrow();
		}

	}

	/** The handlers every app's processor asks. */
	record LarkApprovalActionHandlers(Supplier<List<ApprovalActionHandler>> supplier) {

	}

}
