package io.github.larkapprovalbot.client;

import java.time.Duration;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.github.larkapprovalbot.validation.PayloadValidator;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds an {@link ApprovalBotMessenger} on Spring WebFlux {@link WebClient}. Only the app id and secret are
 * required; everything else defaults to Lark's documented behaviour on the Feishu host.
 */
public final class ApprovalBotMessengerBuilder {

	/** The Feishu Open Platform host (the default). */
	public static final String FEISHU = "https://open.feishu.cn";

	/** The Lark Open Platform host. */
	public static final String LARK = "https://open.larksuite.com";

	/** The host of the legacy approval paths the older Lark guide shows. */
	public static final String LEGACY_LARK_APPROVAL = "https://www.larksuite.com";

	@Nullable String appId;

	@Nullable String appSecret;

	String baseUrl = FEISHU;

	ApprovalPathStyle approvalPathStyle = ApprovalPathStyle.OPEN_APIS;

	String legacyApprovalBaseUrl = LEGACY_LARK_APPROVAL;

	@Nullable String helpdeskId;

	@Nullable String helpdeskToken;

	Duration connectTimeout = Duration.ofSeconds(5);

	Duration responseTimeout = Duration.ofSeconds(10);

	Duration callTimeout = Duration.ofSeconds(30);

	RetrySettings retry = RetrySettings.defaults();

	RateLimitSettings rateLimits = RateLimitSettings.defaults();

	Duration tokenSkew = CachingTenantAccessTokenProvider.DEFAULT_SKEW;

	private WebClient.@Nullable Builder webClientBuilder;

	private @Nullable ClientHttpConnector clientConnector;

	@Nullable TenantAccessTokenProvider tokenProvider;

	@Nullable PayloadValidator validator;

	JsonMapper jsonMapper = JsonMapper.shared();

	@Nullable CardRenderer cardRenderer;

	ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	public ApprovalBotMessengerBuilder() {
	}

	/**
	 * Sets the app credentials of an internal (custom) app.
	 * @param appId the app id ({@code cli_...})
	 * @param appSecret the app secret
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder credentials(String appId, String appSecret) {
		this.appId = appId;
		this.appSecret = appSecret;
		return this;
	}

	/**
	 * Sets the Open Platform host: {@link #FEISHU} (default), {@link #LARK} or any URL, such as a sandbox.
	 * @param baseUrl the base URL
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder baseUrl(String baseUrl) {
		this.baseUrl = WebClientTenantAccessTokenFetcher.stripTrailingSlash(baseUrl);
		return this;
	}

	/**
	 * Sets where the approval bot endpoints live.
	 * @param style the path style
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder approvalPathStyle(ApprovalPathStyle style) {
		this.approvalPathStyle = style;
		return this;
	}

	/**
	 * Sets the host of the {@link ApprovalPathStyle#LEGACY} approval paths.
	 * @param url the base URL, {@link #LEGACY_LARK_APPROVAL} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder legacyApprovalBaseUrl(String url) {
		this.legacyApprovalBaseUrl = WebClientTenantAccessTokenFetcher.stripTrailingSlash(url);
		return this;
	}

	/**
	 * Sets the helpdesk credentials that helpdesk bot messages need.
	 * @param helpdeskId the helpdesk id
	 * @param helpdeskToken the helpdesk token
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder helpdesk(String helpdeskId, String helpdeskToken) {
		this.helpdeskId = helpdeskId;
		this.helpdeskToken = helpdeskToken;
		return this;
	}

	/**
	 * Sets how long connecting may take (applies to the default connector only).
	 * @param timeout the connect timeout, 5 s by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder connectTimeout(Duration timeout) {
		this.connectTimeout = timeout;
		return this;
	}

	/**
	 * Sets how long one attempt may wait for its answer.
	 * @param timeout the response timeout, 10 s by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder responseTimeout(Duration timeout) {
		this.responseTimeout = timeout;
		return this;
	}

	/**
	 * Sets how long a whole call may take, retries, rate-limit waits and token fetches included.
	 * @param timeout the call timeout, 30 s by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder callTimeout(Duration timeout) {
		this.callTimeout = timeout;
		return this;
	}

	public ApprovalBotMessengerBuilder retry(RetrySettings retry) {
		this.retry = retry;
		return this;
	}

	public ApprovalBotMessengerBuilder rateLimits(RateLimitSettings rateLimits) {
		this.rateLimits = rateLimits;
		return this;
	}

	/**
	 * Sets how long before Lark's expiry a cached token is dropped (ignored with a custom token provider).
	 * @param skew the skew, 3 minutes by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder tokenSkew(Duration skew) {
		this.tokenSkew = skew;
		return this;
	}

	/**
	 * Uses a copy of this WebClient builder (it is cloned, never changed), for example Spring Boot's, so that its
	 * codecs, filters and connector apply.
	 * @param builder the builder
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder webClientBuilder(WebClient.Builder builder) {
		this.webClientBuilder = builder;
		return this;
	}

	/**
	 * Uses this HTTP connector instead of the default Reactor Netty one.
	 * @param connector the connector
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder clientConnector(ClientHttpConnector connector) {
		this.clientConnector = connector;
		return this;
	}

	/**
	 * Uses this token provider instead of the Caffeine-cached one (for example one shared through Redis).
	 * @param provider the provider
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder tokenProvider(TenantAccessTokenProvider provider) {
		this.tokenProvider = provider;
		return this;
	}

	public ApprovalBotMessengerBuilder validator(PayloadValidator validator) {
		this.validator = validator;
		return this;
	}

	public ApprovalBotMessengerBuilder jsonMapper(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		return this;
	}

	/**
	 * Sets how {@link ApprovalBotMessenger#sendCard} renders cards.
	 * @param renderer the renderer
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder cardRenderer(CardRenderer renderer) {
		this.cardRenderer = renderer;
		return this;
	}

	/**
	 * Observes calls, token fetches, retries and rate-limit waits with Micrometer.
	 * @param registry the observation registry
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder observationRegistry(ObservationRegistry registry) {
		this.observationRegistry = registry;
		return this;
	}

	/**
	 * Builds the messenger.
	 * @return the messenger
	 * @throws IllegalStateException when the app id or secret is missing
	 */
	public WebClientApprovalBotMessenger build() {
		requireText(this.appId, "appId");
		requireText(this.appSecret, "appSecret");
		WebClient.Builder builder = (this.webClientBuilder != null) ? this.webClientBuilder.clone() : WebClient.builder();
		if (this.clientConnector != null) {
			builder.clientConnector(this.clientConnector);
		}
		else if (this.webClientBuilder == null) {
			builder.clientConnector(defaultConnector());
		}
		return new WebClientApprovalBotMessenger(this, builder.build());
	}

	private ClientHttpConnector defaultConnector() {
		// Netty's own retry is off: whether a request may be repeated is decided by the messenger alone.
		return new ReactorClientHttpConnector(HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(this.connectTimeout.toMillis()))
			.disableRetry(true));
	}

	private static void requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(name + " must be set");
		}
	}

}
