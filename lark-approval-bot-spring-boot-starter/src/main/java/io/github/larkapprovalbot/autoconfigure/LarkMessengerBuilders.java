package io.github.larkapprovalbot.autoconfigure;

import java.util.Objects;
import java.util.function.Supplier;

import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.LarkObservationConvention;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.github.larkapprovalbot.validation.PayloadValidator;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes messenger builders configured from the properties, Spring Boot's HTTP client settings, the application's
 * JSON mapper, validator and observation registry, and every {@link ApprovalBotMessengerBuilderCustomizer}. The
 * application's own messenger and token provider come from one such builder ({@link #shared()}), so that each
 * customizer runs once for them; an injected builder bean is a fresh one ({@link #configured()}).
 */
final class LarkMessengerBuilders {

	private final LarkApprovalBotProperties properties;

	private final ObjectProvider<WebClient.Builder> webClientBuilder;

	private final LarkHttpConnectorFactory connectors;

	private final ObjectProvider<JsonMapper> jsonMapper;

	private final ObjectProvider<Validator> validator;

	private final ObjectProvider<ObservationRegistry> observationRegistry;

	private final ObjectProvider<LarkObservationConvention> observationConvention;

	private final ObjectProvider<ApprovalBotMessengerBuilderCustomizer> customizers;

	private @Nullable ApprovalBotMessengerBuilder shared;

	private @Nullable TenantAccessTokenProvider tokenProvider;

	LarkMessengerBuilders(LarkApprovalBotProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder,
			LarkHttpConnectorFactory connectors, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<Validator> validator, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<LarkObservationConvention> observationConvention,
			ObjectProvider<ApprovalBotMessengerBuilderCustomizer> customizers) {
		this.properties = properties;
		this.webClientBuilder = webClientBuilder;
		this.connectors = connectors;
		this.jsonMapper = jsonMapper;
		this.validator = validator;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.customizers = customizers;
	}

	/**
	 * Returns the builder the application's own messenger and token provider are built from, configured once.
	 * @return the builder
	 */
	synchronized ApprovalBotMessengerBuilder shared() {
		if (this.shared == null) {
			ApprovalBotMessengerBuilder builder = configured();
			// Made now, before the messenger's builder is given the token provider bean (which may be this one).
			this.tokenProvider = builder.buildTokenProvider();
			this.shared = builder;
		}
		return this.shared;
	}

	/**
	 * Returns the token provider the shared builder makes: the application's, unless it defines its own.
	 * @return the token provider
	 */
	synchronized TenantAccessTokenProvider tokenProvider() {
		shared();
		return Objects.requireNonNull(this.tokenProvider);
	}

	/**
	 * Returns a new configured builder. What takes time to make (the connector, the WebClient builder, the Bean
	 * Validation provider) is supplied lazily: the messenger makes it on its first call.
	 * @return the builder
	 */
	ApprovalBotMessengerBuilder configured() {
		ApprovalBotMessengerBuilder builder = LarkBuilderMapping.apply(this.properties, new ApprovalBotMessengerBuilder());
		builder.webClientBuilder(() -> this.webClientBuilder.getIfAvailable(WebClient::builder))
			.clientConnector(this.connectors::create)
			.jsonMapper(this.jsonMapper.getIfAvailable(JsonMapper::shared))
			.observationRegistry(this.observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		Supplier<PayloadValidator> applicationValidator = () -> {
			Validator unique = this.validator.getIfUnique();
			return (unique != null) ? new PayloadValidator(unique) : PayloadValidator.createDefault();
		};
		builder.validator(applicationValidator);
		this.observationConvention.ifUnique(builder::observationConvention);
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

}
