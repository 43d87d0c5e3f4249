package io.github.larkapprovalbot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.larkapprovalbot.client.ApprovalPathStyle;
import io.github.larkapprovalbot.message.LarkLocale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the Lark approval bot.
 */
@ConfigurationProperties(LarkApprovalBotProperties.PREFIX)
public class LarkApprovalBotProperties {

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
	private String baseUrl = "https://open.feishu.cn";

	/**
	 * Where the approval bot endpoints live: OPEN_APIS (/open-apis/approval/v1/message/*) or LEGACY
	 * (/approval/openapi/v1/message/* on the legacy approval URL).
	 */
	private ApprovalPathStyle approvalPathStyle = ApprovalPathStyle.OPEN_APIS;

	/**
	 * Host of the legacy approval paths.
	 */
	private String legacyApprovalBaseUrl = "https://www.larksuite.com";

	/**
	 * Timeout for connecting to Lark. When not set, spring.http.clients.connect-timeout applies.
	 */
	private @Nullable Duration connectTimeout;

	/**
	 * Longest wait for the answer to one attempt.
	 */
	private Duration responseTimeout = Duration.ofSeconds(10);

	/**
	 * Longest time one call may take, retries, rate-limit waits and token fetches included.
	 */
	private Duration callTimeout = Duration.ofSeconds(30);

	private final Helpdesk helpdesk = new Helpdesk();

	private final Retry retry = new Retry();

	private final RateLimit rateLimit = new RateLimit();

	private final Token token = new Token();

	private final I18n i18n = new I18n();

	private final Callback callback = new Callback();

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
	 * Retries of transient failures (throttling, server errors, I/O, timeouts).
	 */
	public static class Retry {

		/**
		 * Retries after the first attempt; 0 disables retries.
		 */
		private int maxRetries = 3;

		/**
		 * First backoff between attempts.
		 */
		private Duration minBackoff = Duration.ofMillis(200);

		/**
		 * Longest backoff between attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(5);

		/**
		 * Jitter factor applied to each backoff, from 0 to 1.
		 */
		private double jitter = 0.5;

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
		private int sendPerSecond = 50;

		/**
		 * Approval message/send calls per minute.
		 */
		private int sendPerMinute = 1000;

		/**
		 * Card patches per second, all messages together.
		 */
		private int patchPerSecond = 50;

		/**
		 * Card patches per second to one message.
		 */
		private int patchPerMessagePerSecond = 5;

		/**
		 * Helpdesk messages per minute.
		 */
		private int helpdeskPerMinute = 100;

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
	 * Tenant access token caching.
	 */
	public static class Token {

		/**
		 * How long before Lark's expiry a cached token is dropped.
		 */
		private Duration skew = Duration.ofMinutes(3);

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
		private LarkLocale defaultLocale = LarkLocale.ZH_CN;

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
		 * Longest time a handler may take before Lark is answered with a failure (Lark gives up after 10 s).
		 */
		private Duration handlerTimeout = Duration.ofSeconds(8);

		/**
		 * How long a delivered callback is remembered, so that a repeated delivery gets the first answer.
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
