package io.github.larkapprovalbot.autoconfigure.callback;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotAutoConfiguration;
import io.github.larkapprovalbot.autoconfigure.LarkApprovalBotProperties;
import io.github.larkapprovalbot.callback.ApprovalActionHandler;
import io.github.larkapprovalbot.callback.ApprovalActionStore;
import io.github.larkapprovalbot.callback.ApprovalCallbackProcessor;
import io.github.larkapprovalbot.callback.CaffeineApprovalActionStore;
import io.github.larkapprovalbot.listener.ApprovalActionListenerMethodProcessor;
import io.github.larkapprovalbot.web.WebFluxCallbackEndpoint;
import io.github.larkapprovalbot.web.WebMvcCallbackEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The quick-approval callback endpoint at {@code lark.approval-bot.callback.path}, on when
 * {@code lark.approval-bot.callback.token} is set, for whichever web stack the application runs.
 */
@AutoConfiguration(after = LarkApprovalBotAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnProperty(prefix = LarkApprovalBotProperties.PREFIX, name = "callback.token")
@EnableConfigurationProperties(LarkApprovalBotProperties.class)
public final class LarkApprovalCallbackAutoConfiguration {

	/** Clicks kept for de-duplication at most, whatever the window. */
	private static final long MAX_REMEMBERED_CLICKS = 100_000;

	@Bean
	@ConditionalOnMissingBean
	static ApprovalActionListenerMethodProcessor approvalActionListenerMethodProcessor() {
		return new ApprovalActionListenerMethodProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	ApprovalActionStore approvalActionStore(LarkApprovalBotProperties properties) {
		// A claim left unfinished that long (a handler that never ends) stops blocking its click.
		return new CaffeineApprovalActionStore(properties.getCallback().getDuplicateWindow(), MAX_REMEMBERED_CLICKS);
	}

	@Bean
	@ConditionalOnMissingBean
	ApprovalCallbackProcessor approvalCallbackProcessor(LarkApprovalBotProperties properties,
			ObjectProvider<ApprovalActionHandler> handlerBeans, ApprovalActionListenerMethodProcessor listeners,
			ApprovalActionStore store, ObjectProvider<JsonMapper> jsonMapper) {
		LarkApprovalBotProperties.Callback callback = properties.getCallback();
		// Resolved on the first callback, when every handler bean and listener method is known.
		SingletonSupplier<List<ApprovalActionHandler>> handlers = SingletonSupplier.of(() -> {
			List<ApprovalActionHandler> all = new ArrayList<>(handlerBeans.orderedStream().toList());
			all.addAll(listeners.handlers());
			return List.copyOf(all);
		});
		// Present: the condition on callback.token; not blank: the properties' validation.
		String token = Objects.requireNonNull(callback.getToken());
		return new ApprovalCallbackProcessor(token, callback.getKey(), handlers::obtain, store,
				callback.getHandlerTimeout(), callback.getDuplicateWindow(), callback.getMaxBodySize().toBytes(),
				jsonMapper.getIfAvailable(JsonMapper::shared));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
	static class WebFluxEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "larkApprovalCallbackRoute")
		org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> larkApprovalCallbackRoute(
				LarkApprovalBotProperties properties, ApprovalCallbackProcessor processor) {
			return WebFluxCallbackEndpoint.route(properties.getCallback().getPath(), processor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
	static class WebMvcEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "larkApprovalCallbackRoute")
		org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> larkApprovalCallbackRoute(
				LarkApprovalBotProperties properties, ApprovalCallbackProcessor processor) {
			return WebMvcCallbackEndpoint.route(properties.getCallback().getPath(), processor);
		}

	}

}
