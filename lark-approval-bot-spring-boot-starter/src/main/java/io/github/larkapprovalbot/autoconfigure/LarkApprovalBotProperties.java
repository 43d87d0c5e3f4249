package io.github.larkapprovalbot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.ApprovalPathStyle;
import io.github.larkapprovalbot.HttpPoolSettings;
import io.github.larkapprovalbot.RateLimitSettings;
import io.github.larkapprovalbot.RetrySettings;
import io.github.larkapprovalbot.SharedRateLimits;
import io.github.larkapprovalbot.internal.HttpUrl;
import io.github.larkapprovalbot.message.ApprovalBotMessageBuilder;
import io.github.larkapprovalbot.message.LarkLocale;
import io.github.larkapprovalbot.token.CachingTenantAccessTokenProvider;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the Lark approval bot. The client's defaults come from the core module
 * ({@link ApprovalBotMessengerBuilder}, {@link RetrySettings#defaults()}, {@link RateLimitSettings#defaults()}), so
 * that each default has one owner. Values out of range fail the startup naming the property: the class validates
 * itself, as a Spring {@link Validator}, so that binding it does not bootstrap Bean Validation at startup.
 */
@ConfigurationProperties(LarkApprovalBotProperties.PREFIX)
public class LarkApprovalBotProperties implements Validator {

	/** The prefix of every key. */
	public static final String PREFIX = "lark.approval-bot";

	private static final String POSITIVE = "must be positive";

	private static final String NOT_NEGATIVE = "must not be negative";

	private static final String HTTP_URL = "must be an absolute http(s) URL with no surrounding whitespace";

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
	 * Open Platform host: https://open.feishu.cn for Feishu, https://open.larksuite.com for Lark, or any URL such as
	 * a sandbox.
	 */
	private String baseUrl = ApprovalBotMessengerBuilder.FEISHU;

	/**
	 * Where the approval bot endpoints live: OPEN_APIS (/open-apis/approval/v1/message/*) or LEGACY
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

	private final Helpdesk helpdesk = new Helpdesk();

	private final Http http = new Http();

	private final Retry retry = new Retry();

	private final RateLimit rateLimit = new RateLimit();

	private final Token token = new Token();

	private final I18n i18n = new I18n();

	private final Callback callback = new Callback();

	/**
	 * Where the state that instances of the application must share lives: rate-limit buckets, quick-approval claims
	 * and outcomes, the tenant token. MEMORY keeps it in each instance; REDIS shares it through the application's
	 * Spring Data Redis connection (spring.data.redis.*, Lettuce).
	 */
	private Store store = Store.MEMORY;

	private final Redis redis = new Redis();

	public @Nullable String getAppId() {
		return this.appId;
	}

	public void setAppId(@Nullable String appId) {
		this.appId = appId;
	}

	public @Nullable String getAppSecret() {
		return this.appSecret;
	}

	public void setAppSecret(@Nullable String appSecret) {
		this.appSecret = appSecret;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public ApprovalPathStyle getApprovalPathStyle() {
		return this.approvalPathStyle;
	}

	public void setApprovalPathStyle(ApprovalPathStyle approvalPathStyle) {
		this.approvalPathStyle = approvalPathStyle;
	}

	public String getLegacyApprovalBaseUrl() {
		return this.legacyApprovalBaseUrl;
	}

	public void setLegacyApprovalBaseUrl(String legacyApprovalBaseUrl) {
		this.legacyApprovalBaseUrl = legacyApprovalBaseUrl;
	}

	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	public Helpdesk getHelpdesk() {
		return this.helpdesk;
	}

	public Http getHttp() {
		return this.http;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	public Token getToken() {
		return this.token;
	}

	public I18n getI18n() {
		return this.i18n;
	}

	public Callback getCallback() {
		return this.callback;
	}

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public Redis getRedis() {
		return this.redis;
	}

	@Override
	public boolean supports(Class<?> type) {
		return LarkApprovalBotProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		LarkApprovalBotProperties properties = (LarkApprovalBotProperties) target;
		httpUrl(errors, "baseUrl", properties.baseUrl);
		httpUrl(errors, "legacyApprovalBaseUrl", properties.legacyApprovalBaseUrl);
		if (properties.connectTimeout != null) {
			positive(errors, "connectTimeout", properties.connectTimeout);
		}
		positive(errors, "responseTimeout", properties.responseTimeout);
		positive(errors, "callTimeout", properties.callTimeout);
		Http http = properties.http;
		check(errors, "http.maxConnections", http.maxConnections, http.maxConnections > 0, POSITIVE);
		check(errors, "http.pendingAcquireMaxCount", http.pendingAcquireMaxCount, http.pendingAcquireMaxCount > 0,
				POSITIVE);
		positive(errors, "http.maxIdleTime", http.maxIdleTime);
		Retry retry = properties.retry;
		check(errors, "retry.maxRetries", retry.maxRetries, retry.maxRetries >= 0, NOT_NEGATIVE);
		notNegative(errors, "retry.minBackoff", retry.minBackoff);
		notNegative(errors, "retry.maxBackoff", retry.maxBackoff);
		check(errors, "retry.jitter", retry.jitter, retry.jitter >= 0 && retry.jitter <= 1, "must be between 0 and 1");
		RateLimit limits = properties.rateLimit;
		check(errors, "rateLimit.sendPerSecond", limits.sendPerSecond, limits.sendPerSecond >= 0, NOT_NEGATIVE);
		check(errors, "rateLimit.sendPerMinute", limits.sendPerMinute, limits.sendPerMinute >= 0, NOT_NEGATIVE);
		check(errors, "rateLimit.patchPerSecond", limits.patchPerSecond, limits.patchPerSecond >= 0, NOT_NEGATIVE);
		check(errors, "rateLimit.patchPerMessagePerSecond", limits.patchPerMessagePerSecond,
				limits.patchPerMessagePerSecond >= 0, NOT_NEGATIVE);
		check(errors, "rateLimit.helpdeskPerMinute", limits.helpdeskPerMinute, limits.helpdeskPerMinute >= 0,
				NOT_NEGATIVE);
		notNegative(errors, "token.skew", properties.token.skew);
		check(errors, "i18n.locales", properties.i18n.locales, !properties.i18n.locales.isEmpty(), "must not be empty");
		Callback callback = properties.callback;
		if (callback.token != null) {
			check(errors, "callback.token", "******", !callback.token.isBlank(), "must not be blank");
		}
		check(errors, "callback.path", callback.path, callback.path.matches("/\\S*"), "must be a path starting with /");
		if (callback.url != null) {
			httpUrl(errors, "callback.url", callback.url);
		}
		check(errors, "callback.maxBodySize", callback.maxBodySize, callback.maxBodySize.toBytes() > 0, POSITIVE);
		positive(errors, "callback.handlerTimeout", callback.handlerTimeout);
		positive(errors, "callback.duplicateWindow", callback.duplicateWindow);
		check(errors, "redis.keyPrefix", properties.redis.keyPrefix, !properties.redis.keyPrefix.isBlank(),
				"must not be blank");
		positive(errors, "redis.timeout", properties.redis.timeout);
	}

	private static void httpUrl(Errors errors, String field, String url) {
		check(errors, field, url, HttpUrl.Validator.isHttpUrl(url), HTTP_URL);
	}

	private static void positive(Errors errors, String field, Duration duration) {
		check(errors, field, duration, !duration.isNegative() && !duration.isZero(), POSITIVE);
	}

	private static void notNegative(Errors errors, String field, Duration duration) {
		check(errors, field, duration, !duration.isNegative(), NOT_NEGATIVE);
	}

	private static void check(Errors errors, String field, Object value, boolean valid, String rule) {
		if (!valid) {
			errors.rejectValue(field, "invalid", new Object[] { value }, rule);
		}
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

		public @Nullable String getId() {
			return this.id;
		}

		public void setId(@Nullable String id) {
			this.id = id;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		@Override
		public String toString() {
			return "Helpdesk[id=" + this.id + "]";
		}

	}

	/**
	 * The client's own connection pool, when the application runs on Reactor Netty.
	 */
	public static class Http {

		/**
		 * Connections to Lark at most.
		 */
		private int maxConnections = HttpPoolSettings.defaults().maxConnections();

		/**
		 * Calls that may wait for a free connection at most; more fail at once.
		 */
		private int pendingAcquireMaxCount = HttpPoolSettings.defaults().pendingAcquireMaxCount();

		/**
		 * How long an idle connection is kept; keep it under what gateways between here and Lark allow.
		 */
		private Duration maxIdleTime = HttpPoolSettings.defaults().maxIdleTime();

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public int getPendingAcquireMaxCount() {
			return this.pendingAcquireMaxCount;
		}

		public void setPendingAcquireMaxCount(int pendingAcquireMaxCount) {
			this.pendingAcquireMaxCount = pendingAcquireMaxCount;
		}

		public Duration getMaxIdleTime() {
			return this.maxIdleTime;
		}

		public void setMaxIdleTime(Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
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

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getMinBackoff() {
			return this.minBackoff;
		}

		public void setMinBackoff(Duration minBackoff) {
			this.minBackoff = minBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

	}

	/**
	 * Client-side rate limits; 0 disables a limit. The defaults are Lark's documented limits.
	 */
	public static class RateLimit {

		/**
		 * Approval message/send calls per second.
		 */
		private int sendPerSecond = RateLimitSettings.defaults().sendPerSecond();

		/**
		 * Approval message/send calls per minute.
		 */
		private int sendPerMinute = RateLimitSettings.defaults().sendPerMinute();

		/**
		 * Card patches per second, all messages together.
		 */
		private int patchPerSecond = RateLimitSettings.defaults().patchPerSecond();

		/**
		 * Card patches per second to one message.
		 */
		private int patchPerMessagePerSecond = RateLimitSettings.defaults().patchPerMessagePerSecond();

		/**
		 * Helpdesk messages per minute.
		 */
		private int helpdeskPerMinute = RateLimitSettings.defaults().helpdeskPerMinute();

		public int getSendPerSecond() {
			return this.sendPerSecond;
		}

		public void setSendPerSecond(int sendPerSecond) {
			this.sendPerSecond = sendPerSecond;
		}

		public int getSendPerMinute() {
			return this.sendPerMinute;
		}

		public void setSendPerMinute(int sendPerMinute) {
			this.sendPerMinute = sendPerMinute;
		}

		public int getPatchPerSecond() {
			return this.patchPerSecond;
		}

		public void setPatchPerSecond(int patchPerSecond) {
			this.patchPerSecond = patchPerSecond;
		}

		public int getPatchPerMessagePerSecond() {
			return this.patchPerMessagePerSecond;
		}

		public void setPatchPerMessagePerSecond(int patchPerMessagePerSecond) {
			this.patchPerMessagePerSecond = patchPerMessagePerSecond;
		}

		public int getHelpdeskPerMinute() {
			return this.helpdeskPerMinute;
		}

		public void setHelpdeskPerMinute(int helpdeskPerMinute) {
			this.helpdeskPerMinute = helpdeskPerMinute;
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
		private Duration timeout = SharedRateLimits.DEFAULT_TIMEOUT;

		/**
		 * Whether instances share one tenant_access_token through Redis instead of each fetching its own.
		 */
		private boolean shareToken = true;

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public boolean isShareToken() {
			return this.shareToken;
		}

		public void setShareToken(boolean shareToken) {
			this.shareToken = shareToken;
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

		public Duration getSkew() {
			return this.skew;
		}

		public void setSkew(Duration skew) {
			this.skew = skew;
		}

	}

	/**
	 * Locales of the texts that @LarkCardTemplate cards resolve through the MessageSource.
	 */
	public static class I18n {

		/**
		 * Locale whose texts every card must have; its resource is the default one.
		 */
		private LarkLocale defaultLocale = ApprovalBotMessageBuilder.DEFAULT_LOCALE;

		/**
		 * Locales cards are rendered in.
		 */
		private List<LarkLocale> locales = new ArrayList<>(List.of(LarkLocale.ZH_CN, LarkLocale.EN_US));

		public LarkLocale getDefaultLocale() {
			return this.defaultLocale;
		}

		public void setDefaultLocale(LarkLocale defaultLocale) {
			this.defaultLocale = defaultLocale;
		}

		public List<LarkLocale> getLocales() {
			return this.locales;
		}

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

		/**
		 * Path of the callback endpoint in this application.
		 */
		private String path = "/lark/approval/callback";

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

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public Duration getHandlerTimeout() {
			return this.handlerTimeout;
		}

		public void setHandlerTimeout(Duration handlerTimeout) {
			this.handlerTimeout = handlerTimeout;
		}

		public Duration getDuplicateWindow() {
			return this.duplicateWindow;
		}

		public void setDuplicateWindow(Duration duplicateWindow) {
			this.duplicateWindow = duplicateWindow;
		}

		@Override
		public String toString() {
			return "Callback[path=" + this.path + ", url=" + this.url + "]";
		}

	}

}
