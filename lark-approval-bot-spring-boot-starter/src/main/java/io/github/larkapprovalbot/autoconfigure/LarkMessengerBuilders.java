package io.github.larkapprovalbot.autoconfigure;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.LarkObservationConvention;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes each configured app's messenger builders, configured from the app's properties, Spring Boot's HTTP client
 * settings, the application's JSON mapper, validator and observation registry, and every
 * {@link ApprovalBotMessengerBuilderCustomizer}. An app's own messenger and token provider come from one such builder
 * ({@link #shared}), so that each customizer runs once per app for them; an injected builder bean is a fresh one
 * ({@link #configured}).
 */
final class LarkMessengerBuilders {

	private final LarkApps apps;

	private final ObjectProvider<WebClient.Builder> webClientBuilder;

	private final LarkHttpConnectorFactory connectors;

	private final ObjectProvider<JsonMapper> jsonMapper;

	private final ObjectProvider<Validator> validator;

	private final ObjectProvider<ObservationRegistry> observationRegistry;

	private final ObjectProvider<LarkObservationConvention> observationConvention;

	private final ObjectProvider<ApprovalBotMessengerBuilderCustomizer> customizers;

	private final ObjectProvider<CardRenderer> cardRenderer;

	private final Map<String, Shared> shared = new HashMap<>();

	LarkMessengerBuilders(LarkApps apps, ObjectProvider<WebClient.Builder> webClientBuilder,
			LarkHttpConnectorFactory connectors, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<Validator> validator, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<LarkObservationConvention> observationConvention,
			ObjectProvider<ApprovalBotMessengerBuilderCustomizer> customizers, ObjectProvider<CardRenderer> cardRenderer) {
		this.apps = apps;
		this.webClientBuilder = webClientBuilder;
		this.connectors = connectors;
		this.jsonMapper = jsonMapper;
		this.validator = validator;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.customizers = customizers;
		this.cardRenderer = cardRenderer;
	}

	/**
	 * Returns the token provider an app's shared builder makes: the app's own, unless the application gives one.
	 * @param app the app's name
	 * @return the token provider
	 */
	synchronized TenantAccessTokenProvider tokenProvider(String app) {
		return shared(app).tokenProvider;
	}

	/**
	 * Builds an app's messenger from its shared builder.
	 * @param app the app's name
	 * @param tokenProvider supplies the token provider the messenger uses, on its first call
	 * @return the messenger
	 */
	synchronized ApprovalBotMessenger messenger(String app, Supplier<TenantAccessTokenProvider> tokenProvider) {
		ApprovalBotMessengerBuilder builder = shared(app).builder.tokenProvider(tokenProvider);
		CardRenderer renderer = this.cardRenderer.getIfUnique();
		if (renderer != null) {
			builder.cardRenderer(this.apps.cardRenderer(app, renderer));
		}
		return builder.build();
	}

	private Shared shared(String app) {
		return this.shared.computeIfAbsent(app, (name) -> {
			ApprovalBotMessengerBuilder builder = configured(name);
			// Made now, before the messenger's builder is given the token provider bean (which may be this one).
			return new Shared(builder, builder.buildTokenProvider());
		});
	}

	/**
	 * Returns a new configured builder of an app. What takes time to make (the connector, the WebClient builder, the
	 * Bean Validation provider) is supplied lazily: the messenger makes it on its first call.
	 * @param app the app's name
	 * @return the builder
	 */
	ApprovalBotMessengerBuilder configured(String app) {
		LarkApprovalBotProperties properties = this.apps.get(app);
		ApprovalBotMessengerBuilder builder = LarkBuilderMapping.apply(properties,
				new ApprovalBotMessengerBuilder().appName(app));
		// The connector is made for the proxy the builder ends with, a customizer's included.
		builder.webClientBuilder(() -> this.webClientBuilder.getIfAvailable(WebClient::builder))
			.clientConnector(this.connectors::create)
			.jsonMapper(this.jsonMapper.getIfAvailable(JsonMapper::shared))
			.observationRegistry(this.observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		builder.validator(() -> LarkAppBeans.payloadValidator(this.validator));
		this.observationConvention.ifUnique(builder::observationConvention);
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(app, builder));
		return builder;
	}

	/** An app's builder, customized once, and the token provider it made. */
	private record Shared(ApprovalBotMessengerBuilder builder, TenantAccessTokenProvider tokenProvider) {

	}

	@Override
	public String toString() {
		return "LarkMessengerBuilders" + this.apps.names();
	}

}
