package io.github.larkapprovalbot;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.larkapprovalbot.apps.AppRegistry;
import io.github.larkapprovalbot.center.ApprovalCenter;
import io.github.larkapprovalbot.center.ApprovalCenterStore;
import io.github.larkapprovalbot.center.CaffeineApprovalCenterStore;
import io.github.larkapprovalbot.internal.HttpConnectors;
import io.github.larkapprovalbot.internal.JdkHttpProxy;
import io.github.larkapprovalbot.internal.ReactorNettyResources;
import io.github.larkapprovalbot.internal.TimeSource;
import io.github.larkapprovalbot.message.CardRenderer;
import io.github.larkapprovalbot.ratelimit.RateLimit;
import io.github.larkapprovalbot.ratelimit.SharedRateLimits;
import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import io.github.larkapprovalbot.token.SharedTenantAccessTokens;
import io.github.larkapprovalbot.token.TenantAccessTokenProvider;
import io.github.larkapprovalbot.validation.InvalidSettingException;
import io.github.larkapprovalbot.validation.PayloadValidator;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds an {@link ApprovalBotMessenger} on Spring WebFlux {@link WebClient}. Only the app id and secret are
 * required; everything else defaults to Lark's documented behaviour on the Feishu host. The defaults are the
 * constants of this class, {@link RetrySettings#defaults()}, {@link #defaultRateLimit(LarkEndpoint)} and
 * {@link CachingTenantAccessTokenProvider#DEFAULT_SKEW}: the Spring Boot starter takes its defaults from them. A
 * setting out of range is refused at once with an {@link InvalidSettingException} naming it.
 * <p>
 * Each {@link #build()} makes a messenger with its own HTTP resources (unless a connector is given), so that closing
 * one never affects another; building is cheap, and what a messenger needs to call Lark (its HTTP client, the payload
 * validator, the token cache) is made by its first call, off the caller's thread.
 */
public final class ApprovalBotMessengerBuilder {

	/** A Spring placeholder left as it was: Boot keeps {@code ${NAME}} when nothing defines {@code NAME}. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

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

	/** How long closing waits for the calls in flight. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	String appName = AppRegistry.DEFAULT_APP;

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

	Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

	RetrySettings retry = RetrySettings.defaults();

	final Map<LarkEndpoint, RateLimit> rateLimits = Endpoints.defaultLimits();

	@Nullable SharedRateLimits sharedRateLimits;

	@Nullable SharedTenantAccessTokens sharedTokens;

	Duration tokenSkew = CachingTenantAccessTokenProvider.DEFAULT_SKEW;

	private HttpPoolSettings httpPool = HttpPoolSettings.defaults();

	private @Nullable HttpProxySettings httpProxy;

	Supplier<WebClient.Builder> webClientBuilder = WebClient::builder;

	private boolean webClientBuilderGiven;

	/** Makes the given connector for the builder's proxy ({@code null} for none). */
	@Nullable Function<@Nullable HttpProxySettings, ? extends ClientHttpConnector> clientConnector;

	/** Whether the given connector is made for the builder's proxy, rather than keeping its own. */
	private boolean clientConnectorTakesProxy;

	@Nullable Supplier<? extends TenantAccessTokenProvider> tokenProvider;

	@Nullable Supplier<PayloadValidator> validator;

	JsonMapper jsonMapper = JsonMapper.shared();

	@Nullable CardRenderer cardRenderer;

	@Nullable CenterCallback centerCallback;

	@Nullable Supplier<? extends ApprovalCenterStore> centerStore;

	ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	@Nullable LarkObservationConvention observationConvention;

	TimeSource time = TimeSource.SYSTEM;

	/**
	 * Creates a builder; {@link ApprovalBotMessenger#builder()} is the usual way.
	 */
	public ApprovalBotMessengerBuilder() {
	}

	/**
	 * Returns the documented limits of an endpoint, the default of its client-side limits.
	 * @param endpoint the endpoint
	 * @return its limits ({@link RateLimit#NONE} when Lark documents none)
	 */
	public static RateLimit defaultRateLimit(LarkEndpoint endpoint) {
		return Endpoints.get(endpoint).limit();
	}

	/**
	 * Checks one app credential: the one rule every way of configuring the client applies.
	 * @param setting the credential's name ({@code appId}, {@code appSecret})
	 * @param value the credential
	 * @return the credential
	 * @throws InvalidSettingException when it is missing or blank, or is a placeholder nothing resolved, such as
	 * {@code ${LARK_APP_SECRET}} with the variable unset (its value is never shown, the placeholder is)
	 */
	public static String credential(String setting, @Nullable String value) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidSettingException(setting, "must be set", null);
		}
		Matcher placeholder = PLACEHOLDER.matcher(value);
		if (placeholder.find()) {
			throw new InvalidSettingException(setting, "is the placeholder " + placeholder.group()
					+ ", which nothing resolved: set the environment variable or property it names", null);
		}
		return value;
	}

	/**
	 * Sets the app credentials of an internal (custom) app.
	 * @param appId the app id ({@code cli_...})
	 * @param appSecret the app secret
	 * @return this builder
	 * @throws InvalidSettingException when either is missing or blank
	 */
	public ApprovalBotMessengerBuilder credentials(String appId, String appSecret) {
		this.appId = credential("appId", appId);
		this.appSecret = credential("appSecret", appSecret);
		return this;
	}

	/**
	 * Names the app this messenger sends for, as the application configures it: its metrics and logs carry it.
	 * @param appName the name, {@value AppRegistry#DEFAULT_APP} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder appName(String appName) {
		this.appName = credential("appName", appName);
		return this;
	}

	/**
	 * Sets the Open Platform host: {@link #FEISHU} (default), {@link #LARK} or any URL, such as a sandbox.
	 * @param baseUrl an absolute http(s) URL
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder baseUrl(String baseUrl) {
		this.baseUrl = InvalidSettingException.httpUrl("baseUrl", baseUrl);
		return this;
	}

	/**
	 * Sets where the approval bot endpoints live.
	 * @param style the path style, {@link #DEFAULT_APPROVAL_PATH_STYLE} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder approvalPathStyle(ApprovalPathStyle style) {
		this.approvalPathStyle = InvalidSettingException.required("approvalPathStyle", style);
		return this;
	}

	/**
	 * Sets the host of the {@link ApprovalPathStyle#LEGACY} approval paths.
	 * @param url an absolute http(s) URL, {@link #LEGACY_LARK_APPROVAL} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder legacyApprovalBaseUrl(String url) {
		this.legacyApprovalBaseUrl = InvalidSettingException.httpUrl("legacyApprovalBaseUrl", url);
		return this;
	}

	/**
	 * Sets the helpdesk credentials that helpdesk bot messages need.
	 * @param helpdeskId the helpdesk id
	 * @param helpdeskToken the helpdesk token
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder helpdesk(String helpdeskId, String helpdeskToken) {
		this.helpdeskId = credential("helpdeskId", helpdeskId);
		this.helpdeskToken = credential("helpdeskToken", helpdeskToken);
		return this;
	}

	/**
	 * Sets how long connecting may take (applies to the default connector only).
	 * @param timeout a positive timeout, {@link #DEFAULT_CONNECT_TIMEOUT} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder connectTimeout(Duration timeout) {
		this.connectTimeout = InvalidSettingException.positive("connectTimeout", timeout);
		return this;
	}

	/**
	 * Sets how long one attempt may wait for its answer.
	 * @param timeout a positive timeout, {@link #DEFAULT_RESPONSE_TIMEOUT} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder responseTimeout(Duration timeout) {
		this.responseTimeout = InvalidSettingException.positive("responseTimeout", timeout);
		return this;
	}

	/**
	 * Sets how long a whole call may take, retries, rate-limit waits and token fetches included.
	 * @param timeout a positive timeout, {@link #DEFAULT_CALL_TIMEOUT} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder callTimeout(Duration timeout) {
		this.callTimeout = InvalidSettingException.positive("callTimeout", timeout);
		return this;
	}

	/**
	 * Sets how long {@link ApprovalBotMessenger#close()} lets the calls in flight finish. Calls started after the
	 * close began fail at once; calls still running when this has passed end then (as not sent when their request
	 * had not left).
	 * @param timeout a timeout of zero or more, {@link #DEFAULT_SHUTDOWN_TIMEOUT} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder shutdownTimeout(Duration timeout) {
		this.shutdownTimeout = InvalidSettingException.notNegative("shutdownTimeout", timeout);
		return this;
	}

	/**
	 * Sets the bounds of retries of transient failures.
	 * @param retry the retry settings, {@link RetrySettings#defaults()} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder retry(RetrySettings retry) {
		this.retry = InvalidSettingException.required("retry", retry);
		return this;
	}

	/**
	 * Sets the client-side limits of one endpoint, so that bursts queue here instead of being refused by Lark.
	 * @param endpoint the endpoint
	 * @param limit its limits, {@link #defaultRateLimit(LarkEndpoint)} (Lark's documented ones) by default;
	 * {@link RateLimit#NONE} for none
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder rateLimit(LarkEndpoint endpoint, RateLimit limit) {
		this.rateLimits.put(Objects.requireNonNull(endpoint, "endpoint must not be null"),
				InvalidSettingException.required("rateLimit", limit));
		return this;
	}

	/**
	 * Sets the client-side rate limits of the send, patch and helpdesk endpoints.
	 * @param rateLimits the limits
	 * @return this builder
	 * @deprecated since 0.2.0, for removal: limits are set per endpoint with
	 * {@link #rateLimit(LarkEndpoint, RateLimit)}, so that a new endpoint changes no settings record
	 */
	@Deprecated(since = "0.2.0", forRemoval = true)
	public ApprovalBotMessengerBuilder rateLimits(RateLimitSettings rateLimits) {
		rateLimits.applyTo(this);
		return this;
	}

	/**
	 * Keeps the rate limits in buckets that every instance of the application shares, so that together they stay
	 * within Lark's limits for the app; the local limits serve only while the backend is unavailable.
	 * @param sharedRateLimits the shared buckets of this app; none by default (each instance limits itself alone)
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
		this.tokenSkew = InvalidSettingException.notNegative("tokenSkew", skew);
		return this;
	}

	/**
	 * Sets the bounds of the messenger's own connection pool (applies to the default connector on Reactor Netty).
	 * @param settings the pool settings, {@link HttpPoolSettings#defaults()} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder httpPool(HttpPoolSettings settings) {
		this.httpPool = InvalidSettingException.required("httpPool", settings);
		return this;
	}

	/**
	 * Reaches Lark through an HTTP proxy, on the default connectors (Reactor Netty and the JDK's {@code HttpClient})
	 * and on a connector {@link #clientConnector(Function) made for the proxy}. A connector or WebClient builder given
	 * otherwise keeps its own proxy configuration: building then fails rather than ignore this one.
	 * @param settings the proxy; none by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder httpProxy(HttpProxySettings settings) {
		this.httpProxy = InvalidSettingException.required("httpProxy", settings);
		return this;
	}

	/**
	 * Uses a copy of this WebClient builder (it is cloned, never changed), for example Spring Boot's, so that its
	 * codecs, filters and connector apply.
	 * @param builder the builder
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder webClientBuilder(WebClient.Builder builder) {
		Objects.requireNonNull(builder, "builder must not be null");
		return webClientBuilder(() -> builder);
	}

	/**
	 * Uses a copy of the WebClient builder the supplier gives (it is cloned, never changed) when the messenger makes
	 * its client, on its first call.
	 * @param builder supplies the builder
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder webClientBuilder(Supplier<WebClient.Builder> builder) {
		Objects.requireNonNull(builder, "builder must not be null");
		this.webClientBuilder = () -> builder.get().clone();
		this.webClientBuilderGiven = true;
		return this;
	}

	/**
	 * Uses this HTTP connector instead of the default one. The messenger does not close a connector it is given.
	 * @param connector the connector
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder clientConnector(ClientHttpConnector connector) {
		Objects.requireNonNull(connector, "connector must not be null");
		return clientConnector(() -> connector);
	}

	/**
	 * Uses the HTTP connector the supplier makes, when the messenger makes its client on its first call. The
	 * messenger does not close it.
	 * @param connector makes the connector
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder clientConnector(Supplier<? extends ClientHttpConnector> connector) {
		Objects.requireNonNull(connector, "connector must not be null");
		this.clientConnector = (proxy) -> connector.get();
		this.clientConnectorTakesProxy = false;
		return this;
	}

	/**
	 * Uses the HTTP connector the function makes for this builder's {@link #httpProxy proxy} ({@code null} for none),
	 * when the messenger makes its client on its first call: for a configuration layer that builds connectors its own
	 * way and must honour the proxy set last. The messenger does not close it.
	 * @param connector makes the connector for the proxy
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder clientConnector(
			Function<@Nullable HttpProxySettings, ? extends ClientHttpConnector> connector) {
		this.clientConnector = Objects.requireNonNull(connector, "connector must not be null");
		this.clientConnectorTakesProxy = true;
		return this;
	}

	/**
	 * Returns the connector the messenger is given, made for this builder's proxy.
	 * @return the connector's supplier, or {@code null} for the default connectors
	 * @throws IllegalStateException when a proxy is set that the given connector or WebClient builder would ignore
	 */
	@Nullable Supplier<? extends ClientHttpConnector> givenConnector() {
		HttpProxySettings proxy = this.httpProxy;
		Function<@Nullable HttpProxySettings, ? extends ClientHttpConnector> connector = this.clientConnector;
		boolean ownConnector = (connector != null) ? !this.clientConnectorTakesProxy : this.webClientBuilderGiven;
		if (proxy != null && ownConnector) {
			throw new IllegalStateException("httpProxy applies to the default connectors (and to clientConnector("
					+ "Function)); the given " + ((connector != null) ? "connector" : "WebClient.Builder")
					+ " keeps its own: configure the proxy on it, or leave httpProxy unset");
		}
		return (connector != null) ? () -> connector.apply(proxy) : null;
	}

	/**
	 * Uses this token provider instead of the Caffeine-cached one (for example one shared through Redis).
	 * @param provider the provider
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder tokenProvider(TenantAccessTokenProvider provider) {
		Objects.requireNonNull(provider, "provider must not be null");
		return tokenProvider(() -> provider);
	}

	/**
	 * Uses the token provider the supplier gives, asked for it on the messenger's first call.
	 * @param provider supplies the provider
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder tokenProvider(Supplier<? extends TenantAccessTokenProvider> provider) {
		this.tokenProvider = Objects.requireNonNull(provider, "provider must not be null");
		return this;
	}

	/**
	 * Validates payloads with this validator, for example one on the application's Bean Validation provider.
	 * @param validator the validator
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder validator(PayloadValidator validator) {
		Objects.requireNonNull(validator, "validator must not be null");
		return validator(() -> validator);
	}

	/**
	 * Validates payloads with the validator the supplier gives when the messenger makes its client, on its first call
	 * (bootstrapping a Bean Validation provider takes a while: not at startup, and not on the caller's thread).
	 * @param validator supplies the validator
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder validator(Supplier<PayloadValidator> validator) {
		this.validator = Objects.requireNonNull(validator, "validator must not be null");
		return this;
	}

	/**
	 * Serializes payloads and reads Lark's answers with this mapper.
	 * @param jsonMapper the mapper, {@link JsonMapper#shared()} by default
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder jsonMapper(JsonMapper jsonMapper) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
		return this;
	}

	/**
	 * Sets how {@link ApprovalBotMessenger#sendCard} renders cards.
	 * @param renderer the renderer
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder cardRenderer(CardRenderer renderer) {
		this.cardRenderer = Objects.requireNonNull(renderer, "renderer must not be null");
		return this;
	}

	/**
	 * Sets the quick-approval callback that {@link ApprovalCenter#define} gives a definition without one, so that
	 * clicks in the approval center's list reach this app's callback endpoint.
	 * @param url the endpoint's public URL
	 * @param token the token the endpoint accepts
	 * @param key the key it decrypts with, or {@code null}
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder approvalCenterCallback(String url, String token, @Nullable String key) {
		this.centerCallback = new CenterCallback(InvalidSettingException.httpUrl("approvalCenterCallback.url", url),
				Objects.requireNonNull(token, "token must not be null"), key);
		return this;
	}

	/**
	 * Sets where the approval center keeps the last synced state of each instance and its leases: shared by the
	 * service's instances (Redis) so that a guarded {@code REPLACE} holds across them. One
	 * {@link CaffeineApprovalCenterStore} per messenger by default.
	 * @param store the store, made on first use
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder approvalCenterStore(Supplier<? extends ApprovalCenterStore> store) {
		this.centerStore = Objects.requireNonNull(store, "store must not be null");
		return this;
	}

	/**
	 * Observes calls, token fetches, retries and rate-limit waits with Micrometer (see
	 * {@link LarkObservationDocumentation}); the WebClient's own observations of each exchange become children of the
	 * call's.
	 * @param registry the observation registry
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder observationRegistry(ObservationRegistry registry) {
		this.observationRegistry = Objects.requireNonNull(registry, "registry must not be null");
		return this;
	}

	/**
	 * Names and tags the observations of calls with this convention instead of
	 * {@link DefaultLarkObservationConvention}.
	 * @param convention the convention
	 * @return this builder
	 */
	public ApprovalBotMessengerBuilder observationConvention(LarkObservationConvention convention) {
		this.observationConvention = Objects.requireNonNull(convention, "convention must not be null");
		return this;
	}

	/** The clock and scheduler of deadlines, waits and buckets: virtual time in tests. */
	ApprovalBotMessengerBuilder time(TimeSource time) {
		this.time = time;
		return this;
	}

	/**
	 * Returns a token provider for this app: the one set with
	 * {@link #tokenProvider(TenantAccessTokenProvider)}, or else a new Caffeine-cached provider of these credentials,
	 * which the messengers built after this call share (a health check, a Spring bean). A new provider fetches on HTTP
	 * resources of its own unless a connector is given: close it when done.
	 * @return the token provider
	 * @throws IllegalStateException when the app id or secret is missing
	 */
	public TenantAccessTokenProvider buildTokenProvider() {
		if (this.tokenProvider == null) {
			requireCredentials();
			tokenProvider(new OwnTokenProvider(new LarkApp(this)));
		}
		return Objects.requireNonNull(this.tokenProvider).get();
	}

	/**
	 * Builds a messenger. Each has its own HTTP resources (unless a connector is given), released by its
	 * {@link ApprovalBotMessenger#close()}.
	 * @return the messenger
	 * @throws IllegalStateException when the app id or secret is missing
	 */
	public ApprovalBotMessenger build() {
		requireCredentials();
		LarkApp app = new LarkApp(this);
		Supplier<? extends ApprovalCenterStore> store = (this.centerStore != null) ? this.centerStore
				: CaffeineApprovalCenterStore::new;
		return new WebClientApprovalBotMessenger(app, this.cardRenderer,
				new WebClientApprovalCenter(app, this.centerCallback, store));
	}

	private void requireCredentials() {
		if (this.appId == null || this.appSecret == null) {
			throw new IllegalStateException("The app credentials must be set: credentials(appId, appSecret)");
		}
	}

	/**
	 * The resources an app owns when no connector is given: its own Reactor Netty pool and event loops when Reactor
	 * Netty is on the class path, otherwise the JDK's {@code HttpClient}, as a Spring MVC application without Netty
	 * has it. With a WebClient builder given, its own connector.
	 */
	HttpResources defaultResources() {
		if (this.webClientBuilderGiven) {
			return new HttpResources(null, null);
		}
		HttpProxySettings proxy = this.httpProxy;
		if (HttpConnectors.reactorNettyPresent(getClass().getClassLoader())) {
			ReactorNettyResources resources = new ReactorNettyResources(this.httpPool.maxConnections(),
					this.httpPool.pendingAcquireMaxCount(), this.httpPool.maxIdleTime());
			reactor.netty.http.client.HttpClient client = resources.httpClient(this.connectTimeout);
			if (proxy != null) {
				client = ReactorNettyResources.proxy(client, proxy.host(), proxy.port(), proxy.username(),
						proxy.password(), proxy::bypasses, this.connectTimeout);
			}
			return new HttpResources(new ReactorClientHttpConnector(client), resources);
		}
		HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(this.connectTimeout);
		if (proxy == null) {
			return new HttpResources(new JdkClientHttpConnector(client.build()), null);
		}
		JdkHttpProxy jdkProxy = new JdkHttpProxy(proxy.host(), proxy.port(), proxy.username(), proxy.password(),
				proxy::bypasses);
		return new HttpResources(jdkProxy.authorizing(new JdkClientHttpConnector(jdkProxy.configure(client).build())),
				null);
	}

	/**
	 * Describes every setting (never a secret), so that what a configuration layer set can be checked.
	 * @return the settings
	 */
	@Override
	public String toString() {
		Map<LarkEndpoint, RateLimit> limits = new EnumMap<>(this.rateLimits);
		return "ApprovalBotMessengerBuilder[appName=" + this.appName + ", appId=" + this.appId + ", appSecret="
				+ ((this.appSecret != null) ? "******" : null) + ", baseUrl=" + this.baseUrl + ", approvalPathStyle="
				+ this.approvalPathStyle + ", legacyApprovalBaseUrl=" + this.legacyApprovalBaseUrl + ", helpdeskId="
				+ this.helpdeskId + ", helpdeskToken=" + ((this.helpdeskToken != null) ? "******" : null)
				+ ", connectTimeout=" + this.connectTimeout + ", responseTimeout=" + this.responseTimeout
				+ ", callTimeout=" + this.callTimeout + ", shutdownTimeout=" + this.shutdownTimeout + ", retry="
				+ this.retry + ", rateLimits=" + limits + ", sharedRateLimits=" + this.sharedRateLimits
				+ ", sharedTokens=" + this.sharedTokens + ", tokenSkew=" + this.tokenSkew + ", httpPool="
				+ this.httpPool + ", httpProxy=" + this.httpProxy + ", tokenProvider=" + this.tokenProvider
				+ ", observationConvention=" + this.observationConvention + ", approvalCenterCallback="
				+ this.centerCallback + "]";
	}

}
