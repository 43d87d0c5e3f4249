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

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
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

	public Map<String, Limit> getRateLimit() {
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

	public Center getCenter() {
		return this.center;
	}

	public Outbox getOutbox() {
		return this.outbox;
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

		public @Nullable Integer getPerSecond() {
			return this.perSecond;
		}

		public void setPerSecond(@Nullable Integer perSecond) {
			this.perSecond = perSecond;
		}

		public @Nullable Integer getPerMinute() {
			return this.perMinute;
		}

		public void setPerMinute(@Nullable Integer perMinute) {
			this.perMinute = perMinute;
		}

		public @Nullable Integer getPerMessagePerSecond() {
			return this.perMessagePerSecond;
		}

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
	 * Lark's approval center (三方审批).
	 */
	public static class Center {

		private final Reconcile reconcile = new Reconcile();

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

			public Duration getInterval() {
				return this.interval;
			}

			public void setInterval(Duration interval) {
				this.interval = interval;
			}

			public Duration getLookback() {
				return this.lookback;
			}

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
		 * When the starter creates the outbox table with the schema script of the database: EMBEDDED (an embedded
		 * database such as H2), ALWAYS, or NEVER (the table must be there: run the script yourself, or with Flyway or
		 * Liquibase). Global: set it at the top level only.
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

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getTableName() {
			return this.tableName;
		}

		public void setTableName(String tableName) {
			this.tableName = tableName;
		}

		public InitializeSchema getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(InitializeSchema initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = lease;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public Duration getHealthThreshold() {
			return this.healthThreshold;
		}

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

		public Duration getClaimLease() {
			return this.claimLease;
		}

		public void setClaimLease(Duration claimLease) {
			this.claimLease = claimLease;
		}

		public DataSize getMemoryStoreMaxSize() {
			return this.memoryStoreMaxSize;
		}

		public void setMemoryStoreMaxSize(DataSize memoryStoreMaxSize) {
			this.memoryStoreMaxSize = memoryStoreMaxSize;
		}

		@Override
		public String toString() {
			return "Callback[path=" + this.path + ", url=" + this.url + "]";
		}

	}

}
