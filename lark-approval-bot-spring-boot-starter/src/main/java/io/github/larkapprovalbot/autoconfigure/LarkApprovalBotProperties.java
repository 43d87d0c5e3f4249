package io.github.larkapprovalbot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.ApprovalPathStyle;
import io.github.larkapprovalbot.HttpPoolSettings;
import io.github.larkapprovalbot.RetrySettings;
import io.github.larkapprovalbot.callback.CaffeineApprovalActionStore;
import io.github.larkapprovalbot.callback.CallbackSettings;
import io.github.larkapprovalbot.center.ApprovalCenterReconciler;
import io.github.larkapprovalbot.message.ApprovalBotMessageBuilder;
import io.github.larkapprovalbot.message.LarkLocale;
import io.github.larkapprovalbot.outbox.LarkOutboxBuilder;
import io.github.larkapprovalbot.outbox.OutboxSchema;
import io.github.larkapprovalbot.redis.Bucket4jSharedRateLimits;
import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the Lark approval bot. The client's defaults come from the core module
 * ({@link ApprovalBotMessengerBuilder}, {@link RetrySettings#defaults()},
 * {@link ApprovalBotMessengerBuilder#defaultRateLimit}), so that each default has one owner. Values out of range fail
 * the startup naming the property: the class validates itself, as a Spring {@link Validator}, by applying itself to a
 * messenger builder, whose rules are the ones checked ({@link LarkBuilderMapping}); that way binding it bootstraps no
 * Bean Validation, and no rule is written twice.
 */
@ConfigurationProperties(LarkApprovalBotProperties.PREFIX)
public class LarkApprovalBotProperties implements Validator {

	/** The prefix of every key. */
	public static final String PREFIX = "lark.approval-bot";

	/**
	 * App ID of the internal (custom) app, from the developer console ("cli_..."). Setting it turns the
	 * auto-configuration on.
	 */
	private @Nullable String appId;

	/**
	 * App Secret of the internal app, from the developer console.
	 */
	private @Nullable String appSecret;

	/**
	 * Open Platform host: https://open.feishu.cn for Feishu (mainland China), https://open.larksuite.com for Lark
	 * (international), or any URL such as a sandbox.
	 */
	private String baseUrl = ApprovalBotMessengerBuilder.FEISHU;

	/**
	 * Where the approval bot endpoints live: open-apis (/open-apis/approval/v1/message/* on the base URL) or legacy
	 * (/approval/openapi/v1/message/* on the legacy approval URL).
	 */
	private ApprovalPathStyle approvalPathStyle = ApprovalBotMessengerBuilder.DEFAULT_APPROVAL_PATH_STYLE;

	/**
	 * Host of the legacy approval paths.
	 */
	private String legacyApprovalBaseUrl = ApprovalBotMessengerBuilder.LEGACY_LARK_APPROVAL;

	/**
	 * Timeout for connecting to Lark. When not set, spring.http.clients.connect-timeout applies.
	 */
	private @Nullable Duration connectTimeout;

	/**
	 * Longest wait for the answer to one attempt.
	 */
	private Duration responseTimeout = ApprovalBotMessengerBuilder.DEFAULT_RESPONSE_TIMEOUT;

	/**
	 * Longest time one call may take, retries, rate-limit waits and token fetches included.
	 */
	private Duration callTimeout = ApprovalBotMessengerBuilder.DEFAULT_CALL_TIMEOUT;

	/**
	 * How long the client lets calls in flight finish when the application stops; calls started after that fail at
	 * once, and calls still running when it has passed end then.
	 */
	private Duration shutdownTimeout = ApprovalBotMessengerBuilder.DEFAULT_SHUTDOWN_TIMEOUT;

	private final Helpdesk helpdesk = new Helpdesk();

	private final Http http = new Http();

	private final Retry retry = new Retry();

	/**
	 * Client-side rate limits per endpoint (message-send, message-update, card-patch, helpdesk-message, token), so
	 * that bursts queue here instead of being refused by Lark; an endpoint's limits left unset are Lark's documented
	 * ones, and 0 disables a limit.
	 */
	private final Map<String, Limit> rateLimit = new LinkedHashMap<>();

	private final Token token = new Token();

	private final I18n i18n = new I18n();

	private final Callback callback = new Callback();

	private final Center center = new Center();

	private final Outbox outbox = new Outbox();

	/**
	 * Where the state that instances of the application must share lives: rate-limit buckets, quick-approval claims
	 * and outcomes, the tenant token. memory keeps it in each instance; redis shares it through the application's
	 * Spring Data Redis connection (spring.data.redis.*, Lettuce).
	 */
	private Store store = Store.MEMORY;

	private final Redis redis = new Redis();

	/**
	 * Returns {@code app-id}: App ID of the internal (custom) app, from the developer console ("cli_...").
	 * @return the value
	 */
	public @Nullable String getAppId() {
		return this.appId;
	}

	/**
	 * Sets {@code app-id}: App ID of the internal (custom) app, from the developer console ("cli_...").
	 * @param appId the value
	 */
	public void setAppId(@Nullable String appId) {
		this.appId = appId;
	}

	/**
	 * Returns {@code app-secret}: App Secret of the internal app, from the developer console.
	 * @return the value
	 */
	public @Nullable String getAppSecret() {
		return this.appSecret;
	}

	/**
	 * Sets {@code app-secret}: App Secret of the internal app, from the developer console.
	 * @param appSecret the value
	 */
	public void setAppSecret(@Nullable String appSecret) {
		this.appSecret = appSecret;
	}

	/**
	 * Returns {@code base-url}: Open Platform host.
	 * @return the value
	 */
	public String getBaseUrl() {
		return this.baseUrl;
	}

	/**
	 * Sets {@code base-url}: Open Platform host.
	 * @param baseUrl the value
	 */
	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Returns {@code approval-path-style}: Where the approval bot endpoints live.
	 * @return the value
	 */
	public ApprovalPathStyle getApprovalPathStyle() {
		return this.approvalPathStyle;
	}

	/**
	 * Sets {@code approval-path-style}: Where the approval bot endpoints live.
	 * @param approvalPathStyle the value
	 */
	public void setApprovalPathStyle(ApprovalPathStyle approvalPathStyle) {
		this.approvalPathStyle = approvalPathStyle;
	}

	/**
	 * Returns {@code legacy-approval-base-url}: Host of the legacy approval paths.
	 * @return the value
	 */
	public String getLegacyApprovalBaseUrl() {
		return this.legacyApprovalBaseUrl;
	}

	/**
	 * Sets {@code legacy-approval-base-url}: Host of the legacy approval paths.
	 * @param legacyApprovalBaseUrl the value
	 */
	public void setLegacyApprovalBaseUrl(String legacyApprovalBaseUrl) {
		this.legacyApprovalBaseUrl = legacyApprovalBaseUrl;
	}

	/**
	 * Returns {@code connect-timeout}: Timeout for connecting to Lark.
	 * @return the value
	 */
	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Sets {@code connect-timeout}: Timeout for connecting to Lark.
	 * @param connectTimeout the value
	 */
	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Returns {@code response-timeout}: Longest wait for the answer to one attempt.
	 * @return the value
	 */
	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	/**
	 * Sets {@code response-timeout}: Longest wait for the answer to one attempt.
	 * @param responseTimeout the value
	 */
	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	/**
	 * Returns {@code call-timeout}: Longest time one call may take, retries, rate-limit waits and token fetches
	 * included.
	 * @return the value
	 */
	public Duration getCallTimeout() {
		return this.callTimeout;
	}

	/**
	 * Sets {@code call-timeout}: Longest time one call may take, retries, rate-limit waits and token fetches included.
	 * @param callTimeout the value
	 */
	public void setCallTimeout(Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	/**
	 * Returns {@code shutdown-timeout}: How long the client lets calls in flight finish when the application stops.
	 * @return the value
	 */
	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	/**
	 * Sets {@code shutdown-timeout}: How long the client lets calls in flight finish when the application stops.
	 * @param shutdownTimeout the value
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Returns the {@code helpdesk.*} properties.
	 * @return them
	 */
	public Helpdesk getHelpdesk() {
		return this.helpdesk;
	}

	/**
	 * Returns the {@code http.*} properties.
	 * @return them
	 */
	public Http getHttp() {
		return this.http;
	}

	/**
	 * Returns the {@code retry.*} properties.
	 * @return them
	 */
	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * Returns {@code rate-limit}: Client-side rate limits per endpoint (message-send, message-update, card-patch,
	 * helpdesk-message, token), so that bursts queue here instead of being refused by Lark.
	 * @return the value
	 */
	public Map<String, Limit> getRateLimit() {
		return this.rateLimit;
	}

	/**
	 * Returns the {@code token.*} properties.
	 * @return them
	 */
	public Token getToken() {
		return this.token;
	}

	/**
	 * Returns the {@code i18n.*} properties.
	 * @return them
	 */
	public I18n getI18n() {
		return this.i18n;
	}

	/**
	 * Returns the {@code callback.*} properties.
	 * @return them
	 */
	public Callback getCallback() {
		return this.callback;
	}

	/**
	 * Returns the {@code center.*} properties.
	 * @return them
	 */
	public Center getCenter() {
		return this.center;
	}

	/**
	 * Returns the {@code outbox.*} properties.
	 * @return them
	 */
	public Outbox getOutbox() {
		return this.outbox;
	}

	/**
	 * Returns {@code store}: Where the state that instances of the application must share lives.
	 * @return the value
	 */
	public Store getStore() {
		return this.store;
	}

	/**
	 * Sets {@code store}: Where the state that instances of the application must share lives.
	 * @param store the value
	 */
	public void setStore(Store store) {
		this.store = store;
	}

	/**
	 * Returns the {@code redis.*} properties.
	 * @return them
	 */
	public Redis getRedis() {
		return this.redis;
	}

	@Override
	public boolean supports(Class<?> type) {
		return LarkApprovalBotProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		LarkBuilderMapping.validate((LarkApprovalBotProperties) target, errors);
	}

	@Override
	public String toString() {
		return "LarkApprovalBotProperties[appId=" + this.appId + ", baseUrl=" + this.baseUrl + "]";
	}

	/**
	 * Helpdesk bot credentials.
	 */
	public static class Helpdesk {

		/**
		 * Helpdesk ID, from the helpdesk admin console (Settings > API credentials).
		 */
		private @Nullable String id;

		/**
		 * Helpdesk token, from the helpdesk admin console (Settings > API credentials).
		 */
		private @Nullable String token;

		/**
		 * Returns {@code id}: Helpdesk ID, from the helpdesk admin console (Settings > API credentials).
		 * @return the value
		 */
		public @Nullable String getId() {
			return this.id;
		}

		/**
		 * Sets {@code id}: Helpdesk ID, from the helpdesk admin console (Settings > API credentials).
		 * @param id the value
		 */
		public void setId(@Nullable String id) {
			this.id = id;
		}

		/**
		 * Returns {@code token}: Helpdesk token, from the helpdesk admin console (Settings > API credentials).
		 * @return the value
		 */
		public @Nullable String getToken() {
			return this.token;
		}

		/**
		 * Sets {@code token}: Helpdesk token, from the helpdesk admin console (Settings > API credentials).
		 * @param token the value
		 */
		public void setToken(@Nullable String token) {
			this.token = token;
		}

		@Override
		public String toString() {
			return "Helpdesk[id=" + this.id + "]";
		}

	}

	/**
	 * The HTTP client: its own connection pool on Reactor Netty (a WebFlux application), and the proxy on Reactor
	 * Netty and on the JDK HttpClient (a Spring MVC application without Netty) alike.
	 */
	public static class Http {

		/**
		 * Connections to Lark at most (Reactor Netty only: the JDK HttpClient pools connections itself).
		 */
		private int maxConnections = HttpPoolSettings.defaults().maxConnections();

		/**
		 * Calls that may wait for a free connection at most; more fail at once (Reactor Netty only).
		 */
		private int pendingAcquireMaxCount = HttpPoolSettings.defaults().pendingAcquireMaxCount();

		/**
		 * How long an idle connection is kept; keep it under what gateways between here and Lark allow (Reactor Netty
		 * only).
		 */
		private Duration maxIdleTime = HttpPoolSettings.defaults().maxIdleTime();

		/**
		 * HTTP proxy Lark is reached through (Reactor Netty and JDK HttpClient).
		 */
		private final Proxy proxy = new Proxy();

		/**
		 * Returns {@code max-connections}: Connections to Lark at most (Reactor Netty only.
		 * @return the value
		 */
		public int getMaxConnections() {
			return this.maxConnections;
		}

		/**
		 * Sets {@code max-connections}: Connections to Lark at most (Reactor Netty only.
		 * @param maxConnections the value
		 */
		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		/**
		 * Returns {@code pending-acquire-max-count}: Calls that may wait for a free connection at most.
		 * @return the value
		 */
		public int getPendingAcquireMaxCount() {
			return this.pendingAcquireMaxCount;
		}

		/**
		 * Sets {@code pending-acquire-max-count}: Calls that may wait for a free connection at most.
		 * @param pendingAcquireMaxCount the value
		 */
		public void setPendingAcquireMaxCount(int pendingAcquireMaxCount) {
			this.pendingAcquireMaxCount = pendingAcquireMaxCount;
		}

		/**
		 * Returns {@code max-idle-time}: How long an idle connection is kept.
		 * @return the value
		 */
		public Duration getMaxIdleTime() {
			return this.maxIdleTime;
		}

		/**
		 * Sets {@code max-idle-time}: How long an idle connection is kept.
		 * @param maxIdleTime the value
		 */
		public void setMaxIdleTime(Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
		}

		/**
		 * Returns {@code proxy}: HTTP proxy Lark is reached through (Reactor Netty and JDK HttpClient).
		 * @return the value
		 */
		public Proxy getProxy() {
			return this.proxy;
		}

		@Override
		public String toString() {
			return "Http[maxConnections=" + this.maxConnections + ", pendingAcquireMaxCount="
					+ this.pendingAcquireMaxCount + ", maxIdleTime=" + this.maxIdleTime + ", proxy=" + this.proxy + "]";
		}

	}

	/**
	 * The HTTP proxy Lark is reached through, on Reactor Netty and on the JDK HttpClient alike.
	 */
	public static class Proxy {

		/**
		 * Host of the HTTP proxy Lark is reached through; setting it turns the proxy on. Host names go to the proxy
		 * unresolved (Reactor Netty and JDK HttpClient).
		 */
		private @Nullable String host;

		/**
		 * Port of the proxy, 1 to 65535; required with the host (Reactor Netty and JDK HttpClient).
		 */
		private @Nullable Integer port;

		/**
		 * User name the proxy asks for, sent with the password as Basic credentials in Proxy-Authorization; set both
		 * or neither. On the JDK HttpClient, https tunnels carry Basic credentials only when the JVM runs with
		 * -Djdk.http.auth.tunneling.disabledSchemes= (Reactor Netty and JDK HttpClient).
		 */
		private @Nullable String username;

		/**
		 * Password of the proxy user; never shown (Reactor Netty and JDK HttpClient).
		 */
		private @Nullable String password;

		/**
		 * Hosts reached directly, bypassing the proxy, matched as the JDK matches http.nonProxyHosts: a host name or
		 * address with an optional * at its start or end (localhost, *.internal, 10.*), ignoring case (Reactor Netty
		 * and JDK HttpClient).
		 */
		private List<String> nonProxyHosts = new ArrayList<>();

		/**
		 * Returns {@code host}: Host of the HTTP proxy Lark is reached through.
		 * @return the value
		 */
		public @Nullable String getHost() {
			return this.host;
		}

		/**
		 * Sets {@code host}: Host of the HTTP proxy Lark is reached through.
		 * @param host the value
		 */
		public void setHost(@Nullable String host) {
			this.host = host;
		}

		/**
		 * Returns {@code port}: Port of the proxy, 1 to 65535.
		 * @return the value
		 */
		public @Nullable Integer getPort() {
			return this.port;
		}

		/**
		 * Sets {@code port}: Port of the proxy, 1 to 65535.
		 * @param port the value
		 */
		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		/**
		 * Returns {@code username}: User name the proxy asks for, sent with the password as Basic credentials in
		 * Proxy-Authorization.
		 * @return the value
		 */
		public @Nullable String getUsername() {
			return this.username;
		}

		/**
		 * Sets {@code username}: User name the proxy asks for, sent with the password as Basic credentials in
		 * Proxy-Authorization.
		 * @param username the value
		 */
		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		/**
		 * Returns {@code password}: Password of the proxy user.
		 * @return the value
		 */
		public @Nullable String getPassword() {
			return this.password;
		}

		/**
		 * Sets {@code password}: Password of the proxy user.
		 * @param password the value
		 */
		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		/**
		 * Returns {@code non-proxy-hosts}: Hosts reached directly, bypassing the proxy, matched as the JDK matches
		 * http.nonProxyHosts.
		 * @return the value
		 */
		public List<String> getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		/**
		 * Sets {@code non-proxy-hosts}: Hosts reached directly, bypassing the proxy, matched as the JDK matches
		 * http.nonProxyHosts.
		 * @param nonProxyHosts the value
		 */
		public void setNonProxyHosts(List<String> nonProxyHosts) {
			this.nonProxyHosts = nonProxyHosts;
		}

		/**
		 * Returns whether any key of the proxy is set.
		 * @return whether one is
		 */
		boolean isConfigured() {
			return this.host != null || this.port != null || this.username != null || this.password != null
					|| !this.nonProxyHosts.isEmpty();
		}

		@Override
		public String toString() {
			return "Proxy[host=" + this.host + ", port=" + this.port + ", username=" + this.username + ", password="
					+ ((this.password != null) ? "******" : null) + ", nonProxyHosts=" + this.nonProxyHosts + "]";
		}

	}

	/**
	 * Retries of transient failures (throttling, server errors, I/O, timeouts).
	 */
	public static class Retry {

		/**
		 * Retries after the first attempt; 0 disables retries.
		 */
		private int maxRetries = RetrySettings.defaults().maxRetries();

		/**
		 * First backoff between attempts.
		 */
		private Duration minBackoff = RetrySettings.defaults().minBackoff();

		/**
		 * Longest backoff between attempts.
		 */
		private Duration maxBackoff = RetrySettings.defaults().maxBackoff();

		/**
		 * Jitter factor applied to each backoff, from 0 to 1.
		 */
		private double jitter = RetrySettings.defaults().jitter();

		/**
		 * Returns {@code max-retries}: Retries after the first attempt.
		 * @return the value
		 */
		public int getMaxRetries() {
			return this.maxRetries;
		}

		/**
		 * Sets {@code max-retries}: Retries after the first attempt.
		 * @param maxRetries the value
		 */
		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		/**
		 * Returns {@code min-backoff}: First backoff between attempts.
		 * @return the value
		 */
		public Duration getMinBackoff() {
			return this.minBackoff;
		}

		/**
		 * Sets {@code min-backoff}: First backoff between attempts.
		 * @param minBackoff the value
		 */
		public void setMinBackoff(Duration minBackoff) {
			this.minBackoff = minBackoff;
		}

		/**
		 * Returns {@code max-backoff}: Longest backoff between attempts.
		 * @return the value
		 */
		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		/**
		 * Sets {@code max-backoff}: Longest backoff between attempts.
		 * @param maxBackoff the value
		 */
		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		/**
		 * Returns {@code jitter}: Jitter factor applied to each backoff, from 0 to 1.
		 * @return the value
		 */
		public double getJitter() {
			return this.jitter;
		}

		/**
		 * Sets {@code jitter}: Jitter factor applied to each backoff, from 0 to 1.
		 * @param jitter the value
		 */
		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

	}

	/**
	 * The client-side limits of one endpoint; a limit left unset is Lark's documented one, and 0 disables it.
	 */
	public static class Limit {

		/**
		 * Calls per second.
		 */
		private @Nullable Integer perSecond;

		/**
		 * Calls per minute.
		 */
		private @Nullable Integer perMinute;

		/**
		 * Calls per second to one message (card-patch).
		 */
		private @Nullable Integer perMessagePerSecond;

		/** The value of a deprecated single-number key (rate-limit.send-per-second...). */
		private @Nullable Integer deprecatedValue;

		/**
		 * Binds the value of a deprecated single-number key, such as {@code rate-limit.send-per-second}, which names
		 * an endpoint and a limit at once.
		 * @param value the number
		 * @return the limit holding it
		 */
		public static Limit valueOf(String value) {
			Limit limit = new Limit();
			limit.deprecatedValue = Integer.valueOf(value.strip());
			return limit;
		}

		/**
		 * Returns {@code per-second}: Calls per second.
		 * @return the value
		 */
		public @Nullable Integer getPerSecond() {
			return this.perSecond;
		}

		/**
		 * Sets {@code per-second}: Calls per second.
		 * @param perSecond the value
		 */
		public void setPerSecond(@Nullable Integer perSecond) {
			this.perSecond = perSecond;
		}

		/**
		 * Returns {@code per-minute}: Calls per minute.
		 * @return the value
		 */
		public @Nullable Integer getPerMinute() {
			return this.perMinute;
		}

		/**
		 * Sets {@code per-minute}: Calls per minute.
		 * @param perMinute the value
		 */
		public void setPerMinute(@Nullable Integer perMinute) {
			this.perMinute = perMinute;
		}

		/**
		 * Returns {@code per-message-per-second}: Calls per second to one message (card-patch).
		 * @return the value
		 */
		public @Nullable Integer getPerMessagePerSecond() {
			return this.perMessagePerSecond;
		}

		/**
		 * Sets {@code per-message-per-second}: Calls per second to one message (card-patch).
		 * @param perMessagePerSecond the value
		 */
		public void setPerMessagePerSecond(@Nullable Integer perMessagePerSecond) {
			this.perMessagePerSecond = perMessagePerSecond;
		}

		@Nullable Integer deprecatedValue() {
			return this.deprecatedValue;
		}

	}

	/**
	 * Where the state shared by instances lives.
	 */
	public enum Store {

		/**
		 * In each instance: the guarantees hold per instance.
		 */
		MEMORY,

		/**
		 * In Redis: the guarantees hold for every instance that uses the same Redis and app id.
		 */
		REDIS

	}

	/**
	 * The Redis store (store=redis).
	 */
	public static class Redis {

		/**
		 * First part of every key, followed by the app id, so that applications can share one Redis.
		 */
		private String keyPrefix = "lark-approval-bot";

		/**
		 * How long a Redis operation may take: beyond it, sends go on with each instance's local limits and
		 * callbacks are answered with a retryable failure.
		 */
		private Duration timeout = Bucket4jSharedRateLimits.DEFAULT_TIMEOUT;

		/**
		 * Whether instances share one tenant_access_token through Redis instead of each fetching its own.
		 */
		private boolean shareToken = true;

		/**
		 * Returns {@code key-prefix}: First part of every key, followed by the app id, so that applications can share
		 * one Redis.
		 * @return the value
		 */
		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		/**
		 * Sets {@code key-prefix}: First part of every key, followed by the app id, so that applications can share one
		 * Redis.
		 * @param keyPrefix the value
		 */
		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		/**
		 * Returns {@code timeout}: How long a Redis operation may take.
		 * @return the value
		 */
		public Duration getTimeout() {
			return this.timeout;
		}

		/**
		 * Sets {@code timeout}: How long a Redis operation may take.
		 * @param timeout the value
		 */
		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * Returns {@code share-token}: Whether instances share one tenant_access_token through Redis instead of each
		 * fetching its own.
		 * @return the value
		 */
		public boolean isShareToken() {
			return this.shareToken;
		}

		/**
		 * Sets {@code share-token}: Whether instances share one tenant_access_token through Redis instead of each
		 * fetching its own.
		 * @param shareToken the value
		 */
		public void setShareToken(boolean shareToken) {
			this.shareToken = shareToken;
		}

	}

	/**
	 * Lark's approval center (三方审批).
	 */
	public static class Center {

		private final Reconcile reconcile = new Reconcile();

		/**
		 * Returns the {@code reconcile.*} properties.
		 * @return them
		 */
		public Reconcile getReconcile() {
			return this.reconcile;
		}

		/**
		 * The reconciler, which runs where the application gives an ExternalInstanceSource bean.
		 */
		public static class Reconcile {

			/**
			 * How often the reconciler checks what Lark holds against the application's instances and re-syncs the
			 * difference, on one instance of the service at a time.
			 */
			private Duration interval = ApprovalCenterReconciler.DEFAULT_INTERVAL;

			/**
			 * How far back each run asks the ExternalInstanceSource for changed instances.
			 */
			private Duration lookback = ApprovalCenterReconciler.DEFAULT_LOOKBACK;

			/**
			 * Returns {@code interval}: How often the reconciler checks what Lark holds against the application's
			 * instances and re-syncs the difference, on one instance of the service at a time.
			 * @return the value
			 */
			public Duration getInterval() {
				return this.interval;
			}

			/**
			 * Sets {@code interval}: How often the reconciler checks what Lark holds against the application's
			 * instances and re-syncs the difference, on one instance of the service at a time.
			 * @param interval the value
			 */
			public void setInterval(Duration interval) {
				this.interval = interval;
			}

			/**
			 * Returns {@code lookback}: How far back each run asks the ExternalInstanceSource for changed instances.
			 * @return the value
			 */
			public Duration getLookback() {
				return this.lookback;
			}

			/**
			 * Sets {@code lookback}: How far back each run asks the ExternalInstanceSource for changed instances.
			 * @param lookback the value
			 */
			public void setLookback(Duration lookback) {
				this.lookback = lookback;
			}

		}

	}

	/**
	 * Durable delivery through the application's database (the transactional outbox).
	 */
	public static class Outbox {

		/**
		 * Whether this app records its calls in the outbox table and delivers them after commit (a LarkOutbox bean);
		 * needs a DataSource. Each app decides for itself; an app under apps.<name> takes the top-level value unless
		 * it sets its own.
		 */
		private boolean enabled;

		/**
		 * Name of the outbox table, shared by every app (each row carries its app's name). Global: set it at the top
		 * level only.
		 */
		private String tableName = OutboxSchema.DEFAULT_TABLE_NAME;

		/**
		 * When the starter creates the outbox table with the schema script of the database: embedded (on an embedded
		 * database such as H2 only), always, or never (the table must be there: run the script yourself, or with Flyway
		 * or Liquibase). Global: set it at the top level only.
		 */
		private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;

		/**
		 * How long an instance holds the rows it claimed; another instance takes over a row whose lease ran out. Must
		 * be longer than call-timeout.
		 */
		private Duration lease = LarkOutboxBuilder.DEFAULT_LEASE;

		/**
		 * Longest wait between two attempts of a row (the backoff starts at 1s and doubles).
		 */
		private Duration maxBackoff = LarkOutboxBuilder.DEFAULT_MAX_BACKOFF;

		/**
		 * How often an idle instance looks for due rows; a commit on the same instance wakes it at once.
		 */
		private Duration pollInterval = LarkOutboxBuilder.DEFAULT_POLL_INTERVAL;

		/**
		 * How long delivered, coalesced and discarded rows are kept before they are deleted. Failed and uncertain rows
		 * stay until the application retries or discards them.
		 */
		private Duration retention = LarkOutboxBuilder.DEFAULT_RETENTION;

		/**
		 * Rows an instance claims, and delivers concurrently, at a time.
		 */
		private int batchSize = LarkOutboxBuilder.DEFAULT_BATCH_SIZE;

		/**
		 * Age of the oldest pending row beyond which the larkOutbox health indicator reports the outbox as delayed.
		 */
		private Duration healthThreshold = Duration.ofMinutes(5);

		/**
		 * Returns {@code enabled}: Whether this app records its calls in the outbox table and delivers them after
		 * commit (a LarkOutbox bean).
		 * @return the value
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Sets {@code enabled}: Whether this app records its calls in the outbox table and delivers them after commit
		 * (a LarkOutbox bean).
		 * @param enabled the value
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Returns {@code table-name}: Name of the outbox table, shared by every app (each row carries its app's name).
		 * @return the value
		 */
		public String getTableName() {
			return this.tableName;
		}

		/**
		 * Sets {@code table-name}: Name of the outbox table, shared by every app (each row carries its app's name).
		 * @param tableName the value
		 */
		public void setTableName(String tableName) {
			this.tableName = tableName;
		}

		/**
		 * Returns {@code initialize-schema}: When the starter creates the outbox table with the schema script of the
		 * database.
		 * @return the value
		 */
		public InitializeSchema getInitializeSchema() {
			return this.initializeSchema;
		}

		/**
		 * Sets {@code initialize-schema}: When the starter creates the outbox table with the schema script of the
		 * database.
		 * @param initializeSchema the value
		 */
		public void setInitializeSchema(InitializeSchema initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		/**
		 * Returns {@code lease}: How long an instance holds the rows it claimed.
		 * @return the value
		 */
		public Duration getLease() {
			return this.lease;
		}

		/**
		 * Sets {@code lease}: How long an instance holds the rows it claimed.
		 * @param lease the value
		 */
		public void setLease(Duration lease) {
			this.lease = lease;
		}

		/**
		 * Returns {@code max-backoff}: Longest wait between two attempts of a row (the backoff starts at 1s and
		 * doubles).
		 * @return the value
		 */
		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		/**
		 * Sets {@code max-backoff}: Longest wait between two attempts of a row (the backoff starts at 1s and doubles).
		 * @param maxBackoff the value
		 */
		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		/**
		 * Returns {@code poll-interval}: How often an idle instance looks for due rows.
		 * @return the value
		 */
		public Duration getPollInterval() {
			return this.pollInterval;
		}

		/**
		 * Sets {@code poll-interval}: How often an idle instance looks for due rows.
		 * @param pollInterval the value
		 */
		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		/**
		 * Returns {@code retention}: How long delivered, coalesced and discarded rows are kept before they are deleted.
		 * @return the value
		 */
		public Duration getRetention() {
			return this.retention;
		}

		/**
		 * Sets {@code retention}: How long delivered, coalesced and discarded rows are kept before they are deleted.
		 * @param retention the value
		 */
		public void setRetention(Duration retention) {
			this.retention = retention;
		}

		/**
		 * Returns {@code batch-size}: Rows an instance claims, and delivers concurrently, at a time.
		 * @return the value
		 */
		public int getBatchSize() {
			return this.batchSize;
		}

		/**
		 * Sets {@code batch-size}: Rows an instance claims, and delivers concurrently, at a time.
		 * @param batchSize the value
		 */
		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		/**
		 * Returns {@code health-threshold}: Age of the oldest pending row beyond which the larkOutbox health indicator
		 * reports the outbox as delayed.
		 * @return the value
		 */
		public Duration getHealthThreshold() {
			return this.healthThreshold;
		}

		/**
		 * Sets {@code health-threshold}: Age of the oldest pending row beyond which the larkOutbox health indicator
		 * reports the outbox as delayed.
		 * @param healthThreshold the value
		 */
		public void setHealthThreshold(Duration healthThreshold) {
			this.healthThreshold = healthThreshold;
		}

		/**
		 * When the outbox table is created, as Spring Session JDBC and Spring Batch decide it.
		 */
		public enum InitializeSchema {

			/** Only on an embedded database. */
			EMBEDDED,

			/** On every database. */
			ALWAYS,

			/** Never: the table must be there. */
			NEVER

		}

	}

	/**
	 * Tenant access token caching.
	 */
	public static class Token {

		/**
		 * How long before Lark's expiry a cached token is dropped.
		 */
		private Duration skew = CachingTenantAccessTokenProvider.DEFAULT_SKEW;

		/**
		 * Returns {@code skew}: How long before Lark's expiry a cached token is dropped.
		 * @return the value
		 */
		public Duration getSkew() {
			return this.skew;
		}

		/**
		 * Sets {@code skew}: How long before Lark's expiry a cached token is dropped.
		 * @param skew the value
		 */
		public void setSkew(Duration skew) {
			this.skew = skew;
		}

	}

	/**
	 * Locales of the texts that @LarkCardTemplate cards resolve through the MessageSource.
	 */
	public static class I18n {

		/**
		 * Locale whose texts every card must have, its resource the default one: zh-CN, en-US or ja-JP.
		 */
		private LarkLocale defaultLocale = ApprovalBotMessageBuilder.DEFAULT_LOCALE;

		/**
		 * Locales cards are rendered in, among zh-CN, en-US and ja-JP.
		 */
		private List<LarkLocale> locales = new ArrayList<>(List.of(LarkLocale.ZH_CN, LarkLocale.EN_US));

		/**
		 * Returns {@code default-locale}: Locale whose texts every card must have.
		 * @return the value
		 */
		public LarkLocale getDefaultLocale() {
			return this.defaultLocale;
		}

		/**
		 * Sets {@code default-locale}: Locale whose texts every card must have.
		 * @param defaultLocale the value
		 */
		public void setDefaultLocale(LarkLocale defaultLocale) {
			this.defaultLocale = defaultLocale;
		}

		/**
		 * Returns {@code locales}: Locales cards are rendered in.
		 * @return the value
		 */
		public List<LarkLocale> getLocales() {
			return this.locales;
		}

		/**
		 * Sets {@code locales}: Locales cards are rendered in.
		 * @param locales the value
		 */
		public void setLocales(List<LarkLocale> locales) {
			this.locales = locales;
		}

	}

	/**
	 * The quick-approval callback endpoint.
	 */
	public static class Callback {

		/**
		 * Token Lark sends in every callback (action_callback_token). Setting it turns the callback endpoint on.
		 */
		private @Nullable String token;

		/**
		 * Key Lark encrypts callbacks with (action_callback_key); when set, plain callbacks are refused.
		 */
		private @Nullable String key;

		/** The top-level app's callback path; an app under apps.<name> has this path plus /<name>. */
		static final String DEFAULT_PATH = "/lark/approval/callback";

		/**
		 * Path of the callback endpoint in this application.
		 */
		private String path = DEFAULT_PATH;

		/**
		 * Public URL Lark calls back (action_callback_url of @LarkCardTemplate cards): this application's external
		 * address plus the path.
		 */
		private @Nullable String url;

		/**
		 * Largest callback body accepted.
		 */
		private DataSize maxBodySize = DataSize.ofKilobytes(64);

		/**
		 * Longest time the endpoint waits for the handlers of a click before it answers Lark. Handlers still running
		 * then go on to their end, and the approver is asked to try again shortly; a try after they finished gets their
		 * outcome. Under the stricter of Lark's documented limits (5 s; the Feishu page says 10 s), with margin.
		 */
		private Duration handlerTimeout = Duration.ofSeconds(3);

		/**
		 * How long the outcome of a click (a success or a refusal) answers repeated deliveries of it without running
		 * the handlers again. Failures are never remembered.
		 */
		private Duration duplicateWindow = Duration.ofMinutes(10);

		/**
		 * How long a claim on a click lasts unless its owner renews it (every third of it, while the handlers run): a
		 * claim whose instance died, or that the store applied after its caller gave up, frees its click within this.
		 * With store=redis it must be longer than redis.timeout plus a third of itself.
		 */
		private Duration claimLease = CallbackSettings.DEFAULT_CLAIM_LEASE;

		/**
		 * Largest size of the in-memory click store (store=memory): the oldest outcomes go first beyond it; running
		 * clicks are never evicted. About 300 bytes an outcome.
		 */
		private DataSize memoryStoreMaxSize = DataSize.ofBytes(CaffeineApprovalActionStore.DEFAULT_MAX_BYTES);

		/**
		 * Returns {@code token}: Token Lark sends in every callback (action_callback_token).
		 * @return the value
		 */
		public @Nullable String getToken() {
			return this.token;
		}

		/**
		 * Sets {@code token}: Token Lark sends in every callback (action_callback_token).
		 * @param token the value
		 */
		public void setToken(@Nullable String token) {
			this.token = token;
		}

		/**
		 * Returns {@code key}: Key Lark encrypts callbacks with (action_callback_key).
		 * @return the value
		 */
		public @Nullable String getKey() {
			return this.key;
		}

		/**
		 * Sets {@code key}: Key Lark encrypts callbacks with (action_callback_key).
		 * @param key the value
		 */
		public void setKey(@Nullable String key) {
			this.key = key;
		}

		/**
		 * Returns {@code path}: Path of the callback endpoint in this application.
		 * @return the value
		 */
		public String getPath() {
			return this.path;
		}

		/**
		 * Sets {@code path}: Path of the callback endpoint in this application.
		 * @param path the value
		 */
		public void setPath(String path) {
			this.path = path;
		}

		/**
		 * Returns {@code url}: Public URL Lark calls back (action_callback_url of @LarkCardTemplate cards).
		 * @return the value
		 */
		public @Nullable String getUrl() {
			return this.url;
		}

		/**
		 * Sets {@code url}: Public URL Lark calls back (action_callback_url of @LarkCardTemplate cards).
		 * @param url the value
		 */
		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		/**
		 * Returns {@code max-body-size}: Largest callback body accepted.
		 * @return the value
		 */
		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		/**
		 * Sets {@code max-body-size}: Largest callback body accepted.
		 * @param maxBodySize the value
		 */
		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		/**
		 * Returns {@code handler-timeout}: Longest time the endpoint waits for the handlers of a click before it
		 * answers Lark.
		 * @return the value
		 */
		public Duration getHandlerTimeout() {
			return this.handlerTimeout;
		}

		/**
		 * Sets {@code handler-timeout}: Longest time the endpoint waits for the handlers of a click before it answers
		 * Lark.
		 * @param handlerTimeout the value
		 */
		public void setHandlerTimeout(Duration handlerTimeout) {
			this.handlerTimeout = handlerTimeout;
		}

		/**
		 * Returns {@code duplicate-window}: How long the outcome of a click (a success or a refusal) answers repeated
		 * deliveries of it without running the handlers again.
		 * @return the value
		 */
		public Duration getDuplicateWindow() {
			return this.duplicateWindow;
		}

		/**
		 * Sets {@code duplicate-window}: How long the outcome of a click (a success or a refusal) answers repeated
		 * deliveries of it without running the handlers again.
		 * @param duplicateWindow the value
		 */
		public void setDuplicateWindow(Duration duplicateWindow) {
			this.duplicateWindow = duplicateWindow;
		}

		/**
		 * Returns {@code claim-lease}: How long a claim on a click lasts unless its owner renews it (every third of it,
		 * while the handlers run).
		 * @return the value
		 */
		public Duration getClaimLease() {
			return this.claimLease;
		}

		/**
		 * Sets {@code claim-lease}: How long a claim on a click lasts unless its owner renews it (every third of it,
		 * while the handlers run).
		 * @param claimLease the value
		 */
		public void setClaimLease(Duration claimLease) {
			this.claimLease = claimLease;
		}

		/**
		 * Returns {@code memory-store-max-size}: Largest size of the in-memory click store (store=memory).
		 * @return the value
		 */
		public DataSize getMemoryStoreMaxSize() {
			return this.memoryStoreMaxSize;
		}

		/**
		 * Sets {@code memory-store-max-size}: Largest size of the in-memory click store (store=memory).
		 * @param memoryStoreMaxSize the value
		 */
		public void setMemoryStoreMaxSize(DataSize memoryStoreMaxSize) {
			this.memoryStoreMaxSize = memoryStoreMaxSize;
		}

		@Override
		public String toString() {
			return "Callback[path=" + this.path + ", url=" + this.url + "]";
		}

	}

}
