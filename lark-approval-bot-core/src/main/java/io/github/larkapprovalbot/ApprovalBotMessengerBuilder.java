package io.github.larkapprovalbot;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

import io.github.larkapprovalbot.internal.HttpConnectors;
import io.github.larkapprovalbot.internal.HttpUrl;
import io.github.larkapprovalbot.internal.ReactorNettyResources;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import io.github.larkapprovalbot.token.SharedTenantAccessTokens;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.github.larkapprovalbot.validation.PayloadValidator;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds an {@link ApprovalBotMessenger} on Spring WebFlux {@link WebClient}. Only the app id and secret are
 * required; everything else defaults to Lark's documented behaviour on the Feishu host. The defaults are the
 * constants of this class, {@link RetrySettings#defaults()}, {@link RateLimitSettings#defaults()} and
 * {@link CachingTenantAccessTokenProvider#DEFAULT_SKEW}: the Spring Boot starter takes its defaults from them.
 */
public final class ApprovalBotMessengerBuilder {

	/** The Feishu Open Platform host (the default base URL). */
	public static final String FEISHU = "https://open.feishu.cn";

	/** The Lark Open Platform host. */
	public static final String LARK = "https://open.larksuite.com";

	/** The host of the legacy approval paths the older Lark guide shows. */
	public static final String LEGACY_LARK_APPROVAL = "https://www.larksuite.com";

	/** Where the approval endpoints live by default. */
	public static final ApprovalPathStyle DEFAULT_APPROVAL_PATH_STYLE = ApprovalPathStyle.OPEN_APIS;

	/** How long connecting may take, on the default connector. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** How long one attempt may wait for its answer. */
	public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);

	/** How long a whole call may take, retries included. */
	public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

	@Nullable String appId;

	@Nullable String appSecret;

	String baseUrl = FEISHU;

	ApprovalPathStyle approvalPathStyle = DEFAULT_APPROVAL_PATH_STYLE;

	String legacyApprovalBaseUrl = LEGACY_LARK_APPROVAL;

	@Nullable String helpdeskId;

	@Nullable String helpdeskToken;

	private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

	Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;

	Duration callTimeout = DEFAULT_CALL_TIMEOUT;

	RetrySettings retry = RetrySettings.defaults();

	RateLimitSettings rateLimits = RateLimitSettings.defaults();

	@Nullable SharedRateLimits sharedRateLimits;

	private @Nullable SharedTenantAccessTokens sharedTokens;

	private Duration tokenSkew = CachingTenantAccessTokenProvider.DEFAULT_SKEW;

	private HttpPoolSettings httpPool = HttpPoolSettings.defaults();

	private @Nullable AutoCloseable ownedResources;

	/** Whether the connector is known to be Reactor Netty's, which bounds each answer's wait itself. */
	boolean nettyConnector;

	private WebClient.@Nullable Builder webClientBuilder;

	private @Nullable ClientHttpConnector clientConnector;

	private @Nullable TenantAccessTokenProvider tokenProvider;

	private @Nullable WebClient webClient;

	@Nullable PayloadValidator validator;

	JsonMapper jsonMapper = JsonMapper.shared();

	@Nullable CardRenderer cardRenderer;

	ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	/**
	 * Creates a builder; {@link ApprovalBotMessenger#builder()} is the usual way.
	 */
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
	 * @param baseUrl an absolute http(s) URL
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder baseUrl(String baseUrl) {
		this.baseUrl = httpUrl(baseUrl, "baseUrl");
		return this;
	}

	/**
	 * Sets where the approval bot endpoints live.
	 * @param style the path style, {@link #DEFAULT_APPROVAL_PATH_STYLE} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder approvalPathStyle(ApprovalPathStyle style) {
		this.approvalPathStyle = Objects.requireNonNull(style, "approvalPathStyle must not be null");
		return this;
	}

	/**
	 * Sets the host of the {@link ApprovalPathStyle#LEGACY} approval paths.
	 * @param url an absolute http(s) URL, {@link #LEGACY_LARK_APPROVAL} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder legacyApprovalBaseUrl(String url) {
		this.legacyApprovalBaseUrl = httpUrl(url, "legacyApprovalBaseUrl");
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
	 * @param timeout a positive timeout, {@link #DEFAULT_CONNECT_TIMEOUT} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder connectTimeout(Duration timeout) {
		this.connectTimeout = positive(timeout, "connectTimeout");
		return this;
	}

	/**
	 * Sets how long one attempt may wait for its answer.
	 * @param timeout a positive timeout, {@link #DEFAULT_RESPONSE_TIMEOUT} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder responseTimeout(Duration timeout) {
		this.responseTimeout = positive(timeout, "responseTimeout");
		return this;
	}

	/**
	 * Sets how long a whole call may take, retries, rate-limit waits and token fetches included.
	 * @param timeout a positive timeout, {@link #DEFAULT_CALL_TIMEOUT} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder callTimeout(Duration timeout) {
		this.callTimeout = positive(timeout, "callTimeout");
		return this;
	}

	/**
	 * Sets the bounds of retries of transient failures.
	 * @param retry the retry settings, {@link RetrySettings#defaults()} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder retry(RetrySettings retry) {
		this.retry = Objects.requireNonNull(retry, "retry must not be null");
		return this;
	}

	/**
	 * Sets the client-side rate limits.
	 * @param rateLimits the limits, {@link RateLimitSettings#defaults()} (Lark's documented ones) by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder rateLimits(RateLimitSettings rateLimits) {
		this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits must not be null");
		return this;
	}

	/**
	 * Keeps the rate limits in buckets that every instance of the application shares, so that together they stay
	 * within Lark's limits for the app; the local limits serve only while the backend is unavailable.
	 * @param sharedRateLimits the shared buckets; none by default (each instance limits itself alone)
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder sharedRateLimits(SharedRateLimits sharedRateLimits) {
		this.sharedRateLimits = Objects.requireNonNull(sharedRateLimits, "sharedRateLimits must not be null");
		return this;
	}

	/**
	 * Shares the tenant_access_token with the other instances of the application (ignored with a custom token
	 * provider).
	 * @param sharedTokens where the token is shared; none by default (each instance fetches its own)
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder sharedTokens(SharedTenantAccessTokens sharedTokens) {
		this.sharedTokens = Objects.requireNonNull(sharedTokens, "sharedTokens must not be null");
		return this;
	}

	/**
	 * Sets how long before Lark's expiry a cached token is dropped (ignored with a custom token provider).
	 * @param skew a skew of zero or more, {@link CachingTenantAccessTokenProvider#DEFAULT_SKEW} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder tokenSkew(Duration skew) {
		Objects.requireNonNull(skew, "tokenSkew must not be null");
		if (skew.isNegative()) {
			throw new IllegalArgumentException("tokenSkew must not be negative, was " + skew);
		}
		this.tokenSkew = skew;
		return this;
	}

	/**
	 * Sets the bounds of the messenger's own connection pool (applies to the default connector on Reactor Netty).
	 * @param settings the pool settings, {@link HttpPoolSettings#defaults()} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder httpPool(HttpPoolSettings settings) {
		this.httpPool = Objects.requireNonNull(settings, "httpPool must not be null");
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
	 * Uses this HTTP connector instead of the default one. The messenger does not close a connector it is given.
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

	/**
	 * Validates payloads with this validator, for example one on the application's Bean Validation provider.
	 * @param validator the validator
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder validator(PayloadValidator validator) {
		this.validator = validator;
		return this;
	}

	/**
	 * Serializes payloads and reads Lark's answers with this mapper.
	 * @param jsonMapper the mapper, {@link JsonMapper#shared()} by default
	 * @return this builder
	 */
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
	 * Returns the token provider the messenger uses: the one set with {@link #tokenProvider(TenantAccessTokenProvider)},
	 * or else a Caffeine-cached provider of these credentials that fetches on this builder's HTTP client. Built once:
	 * later calls, and {@link #build()}, use the same provider, so that it can also be shared (a health check, a
	 * Spring bean).
	 * @return the token provider
	 * @throws IllegalStateException when the app id or secret is missing
	 */
	public TenantAccessTokenProvider buildTokenProvider() {
		if (this.tokenProvider == null) {
			String id = requireText(this.appId, "appId");
			String secret = requireText(this.appSecret, "appSecret");
			WebClientTenantAccessTokenFetcher fetcher = new WebClientTenantAccessTokenFetcher(webClient(),
					this.baseUrl, id, secret, this.jsonMapper, this.responseTimeout, this.observationRegistry);
			this.tokenProvider = new CachingTenantAccessTokenProvider(id, secret, fetcher, this.tokenSkew,
					this.sharedTokens);
		}
		return this.tokenProvider;
	}

	/**
	 * Builds the messenger.
	 * @return the messenger
	 * @throws IllegalStateException when the app id or secret is missing
	 */
	public ApprovalBotMessenger build() {
		requireText(this.appId, "appId");
		requireText(this.appSecret, "appSecret");
		return new WebClientApprovalBotMessenger(this, webClient(), buildTokenProvider(), this.ownedResources);
	}

	/** The one WebClient of this builder, shared by the token fetcher and the messenger. */
	private WebClient webClient() {
		if (this.webClient == null) {
			WebClient.Builder builder = (this.webClientBuilder != null) ? this.webClientBuilder.clone()
					: WebClient.builder();
			ClientHttpConnector connector = (this.clientConnector != null) ? this.clientConnector
					: (this.webClientBuilder == null) ? defaultConnector() : null;
			if (connector != null) {
				builder.clientConnector(connector);
			}
			this.nettyConnector = connector != null && HttpConnectors.isReactorNetty(connector);
			this.webClient = builder.build();
		}
		return this.webClient;
	}

	/**
	 * The connector the messenger owns when none is given: on its own Reactor Netty pool and event loops when Reactor
	 * Netty is on the class path (released by {@link ApprovalBotMessenger#close()}), otherwise on the JDK's
	 * {@code HttpClient}, as a Spring MVC application without Netty has it.
	 */
	private ClientHttpConnector defaultConnector() {
		if (HttpConnectors.reactorNettyPresent(getClass().getClassLoader())) {
			ReactorNettyResources resources = new ReactorNettyResources(this.httpPool.maxConnections(),
					this.httpPool.pendingAcquireMaxCount(), this.httpPool.maxIdleTime());
			this.ownedResources = resources;
			return new ReactorClientHttpConnector(resources.httpClient(this.connectTimeout));
		}
		return new JdkClientHttpConnector(HttpClient.newBuilder().connectTimeout(this.connectTimeout).build());
	}

	private static String requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(name + " must be set");
		}
		return value;
	}

	private static Duration positive(Duration timeout, String name) {
		Objects.requireNonNull(timeout, () -> name + " must not be null");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + timeout);
		}
		return timeout;
	}

	private static String httpUrl(String url, String name) {
		Objects.requireNonNull(url, () -> name + " must not be null");
		if (!HttpUrl.Validator.isHttpUrl(url)) {
			throw new IllegalArgumentException(name + " must be an absolute http(s) URL, was '" + url + "'");
		}
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
