package io.github.larkapprovalbot.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.larkapprovalbot.ApprovalBotMessengerBuilder;
import io.github.larkapprovalbot.HttpPoolSettings;
import io.github.larkapprovalbot.HttpProxySettings;
import io.github.larkapprovalbot.LarkEndpoint;
import io.github.larkapprovalbot.RetrySettings;
import io.github.larkapprovalbot.callback.CallbackSettings;
import io.github.larkapprovalbot.outbox.OutboxSchema;
import io.github.larkapprovalbot.ratelimit.RateLimit;
import io.github.larkapprovalbot.validation.HttpUrl;
import io.github.larkapprovalbot.validation.InvalidSettingException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;

/**
 * Where each {@code lark.approval-bot.*} property meets the builder setting (or settings record) that owns its rules.
 * The auto-configuration applies the properties to its builder here, and the properties validate themselves by
 * applying themselves to a throwaway builder here: a setting the builder refuses is reported under its property
 * name, so that a rule is written once, in the core module.
 */
final class LarkBuilderMapping {

	/** The deprecated single-number keys of {@code rate-limit}, by what they set. */
	private static final Map<String, DeprecatedLimit> DEPRECATED_LIMITS = Map.of("send-per-second",
			new DeprecatedLimit(LarkEndpoint.MESSAGE_SEND, Part.PER_SECOND), "send-per-minute",
			new DeprecatedLimit(LarkEndpoint.MESSAGE_SEND, Part.PER_MINUTE), "patch-per-second",
			new DeprecatedLimit(LarkEndpoint.CARD_PATCH, Part.PER_SECOND), "patch-per-message-per-second",
			new DeprecatedLimit(LarkEndpoint.CARD_PATCH, Part.PER_MESSAGE_PER_SECOND), "helpdesk-per-minute",
			new DeprecatedLimit(LarkEndpoint.HELPDESK_MESSAGE, Part.PER_MINUTE));

	/** The fields whose values are secrets: a refusal of one never carries its value. */
	private static final Set<String> SECRETS = Set.of("appSecret", "helpdesk.token", "callback.token", "callback.key",
			"http.proxy.password");

	private LarkBuilderMapping() {
	}

	/**
	 * Returns whether a field of the properties holds a secret, whose value is never shown.
	 * @param field the field path, for example {@code http.proxy.password}
	 * @return whether it does
	 */
	static boolean isSecret(String field) {
		return SECRETS.contains(field);
	}

	/** The proxy of the properties: none unless the host is set, which any other key of it needs. */
	private static @Nullable HttpProxySettings httpProxy(LarkApprovalBotProperties.Proxy proxy, Errors errors) {
		String host = proxy.getHost();
		Integer port = proxy.getPort();
		if (host == null) {
			if (proxy.isConfigured()) {
				errors.rejectValue("http.proxy.host", "invalid", "must be set when any other http.proxy key is");
			}
			return null;
		}
		if (port == null) {
			errors.rejectValue("http.proxy.port", "invalid", "must be set with http.proxy.host: 1 to 65535");
			return null;
		}
		List<HttpProxySettings> settings = new ArrayList<>(1);
		check(errors, "http.proxy.", () -> settings.add(new HttpProxySettings(host, port, proxy.getUsername(),
				proxy.getPassword(), proxy.getNonProxyHosts())));
		return settings.isEmpty() ? null : settings.get(0);
	}

	/**
	 * Applies the properties to a builder.
	 * @param properties the properties, already validated
	 * @param builder the builder
	 * @return the builder
	 */
	static ApprovalBotMessengerBuilder apply(LarkApprovalBotProperties properties, ApprovalBotMessengerBuilder builder) {
		Errors errors = new MapBindingResult(new HashMap<>(), "properties");
		apply(properties, builder, errors);
		if (errors.hasErrors()) {
			throw new IllegalStateException("Invalid lark.approval-bot properties: " + errors.getAllErrors());
		}
		return builder;
	}

	/**
	 * Checks every property, reporting each refused one under its field name.
	 * @param properties the properties
	 * @param errors collects the refusals
	 */
	static void validate(LarkApprovalBotProperties properties, Errors errors) {
		apply(properties, new ApprovalBotMessengerBuilder(), errors);
		LarkApprovalBotProperties.Callback callback = properties.getCallback();
		if (callback.getToken() != null) {
			check(errors, "callback.token", () -> ApprovalBotMessengerBuilder.credential("token", callback.getToken()));
		}
		check(errors, "callback.path", () -> {
			if (!callback.getPath().matches("/\\S*")) {
				throw new InvalidSettingException("path", "must be a path starting with /", callback.getPath());
			}
		});
		String key = callback.getKey();
		if (key != null && !key.isBlank()) {
			check(errors, "callback.key", () -> ApprovalBotMessengerBuilder.credential("key", key));
		}
		if (callback.getUrl() != null) {
			check(errors, "callback.url", () -> InvalidSettingException.httpUrl("url",
					ApprovalBotMessengerBuilder.credential("url", callback.getUrl())));
			if (callback.getToken() == null) {
				// Cards would carry a URL whose endpoint is never made: every click would be lost.
				errors.rejectValue("callback.token", "invalid", "must be set when callback.url is: the callback "
						+ "endpoint only exists with its token (and callback.key when Lark encrypts)");
			}
		}
		check(errors, "callback.maxBodySize", () -> InvalidSettingException.positive("maxBodySize",
				Math.toIntExact(Math.min(Integer.MAX_VALUE, callback.getMaxBodySize().toBytes()))));
		check(errors, "callback.handlerTimeout",
				() -> InvalidSettingException.positive("handlerTimeout", callback.getHandlerTimeout()));
		check(errors, "callback.duplicateWindow",
				() -> InvalidSettingException.positive("duplicateWindow", callback.getDuplicateWindow()));
		check(errors, "callback.claimLease", () -> {
			InvalidSettingException.positive("claimLease", callback.getClaimLease());
			if (properties.getStore() == LarkApprovalBotProperties.Store.REDIS) {
				CallbackSettings.checkLeaseRenewable(callback.getClaimLease(), properties.getRedis().getTimeout());
			}
		});
		check(errors, "callback.memoryStoreMaxSize", () -> InvalidSettingException.positive("memoryStoreMaxSize",
				Math.toIntExact(Math.min(Integer.MAX_VALUE, callback.getMemoryStoreMaxSize().toBytes()))));
		LarkApprovalBotProperties.Center.Reconcile reconcile = properties.getCenter().getReconcile();
		check(errors, "center.reconcile.interval",
				() -> InvalidSettingException.positive("interval", reconcile.getInterval()));
		check(errors, "center.reconcile.lookback",
				() -> InvalidSettingException.positive("lookback", reconcile.getLookback()));
		LarkApprovalBotProperties.Outbox outbox = properties.getOutbox();
		// Only an app that uses the outbox has Spring JDBC, which the outbox's schema rules live beside.
		if (outbox.isEnabled()) {
			validate(outbox, properties, errors);
		}
		check(errors, "i18n.locales", () -> {
			if (properties.getI18n().getLocales().isEmpty()) {
				throw new InvalidSettingException("locales", "must not be empty", null);
			}
		});
		check(errors, "redis.keyPrefix",
				() -> ApprovalBotMessengerBuilder.credential("keyPrefix", properties.getRedis().getKeyPrefix()));
		check(errors, "redis.timeout", () -> InvalidSettingException.positive("timeout", properties.getRedis().getTimeout()));
	}

	private static void validate(LarkApprovalBotProperties.Outbox outbox, LarkApprovalBotProperties properties,
			Errors errors) {
		check(errors, "outbox.tableName", () -> OutboxSchema.checkTableName(outbox.getTableName()));
		check(errors, "outbox.lease", () -> {
			InvalidSettingException.positive("lease", outbox.getLease());
			if (outbox.getLease().compareTo(properties.getCallTimeout()) <= 0) {
				throw new InvalidSettingException("lease", "must be longer than call-timeout ("
						+ properties.getCallTimeout().toMillis() + " ms): a row still being delivered would be taken "
						+ "over", outbox.getLease());
			}
		});
		check(errors, "outbox.maxBackoff", () -> InvalidSettingException.positive("maxBackoff", outbox.getMaxBackoff()));
		check(errors, "outbox.pollInterval",
				() -> InvalidSettingException.positive("pollInterval", outbox.getPollInterval()));
		check(errors, "outbox.retention", () -> InvalidSettingException.positive("retention", outbox.getRetention()));
		check(errors, "outbox.batchSize", () -> InvalidSettingException.positive("batchSize", outbox.getBatchSize()));
		check(errors, "outbox.healthThreshold",
				() -> InvalidSettingException.positive("healthThreshold", outbox.getHealthThreshold()));
	}

	private static void apply(LarkApprovalBotProperties properties, ApprovalBotMessengerBuilder builder,
			Errors errors) {
		// Without an app id the client is off (and another part of the starter bound these properties).
		String appId = properties.getAppId();
		String appSecret = properties.getAppSecret();
		if (appId != null) {
			boolean valid = check(errors, "appId", () -> ApprovalBotMessengerBuilder.credential("appId", appId));
			valid &= check(errors, "appSecret", () -> ApprovalBotMessengerBuilder.credential("appSecret", appSecret));
			if (valid) {
				builder.credentials(appId, Objects.requireNonNull(appSecret));
			}
		}
		PropertyMapper map = PropertyMapper.get();
		check(errors, "baseUrl", () -> builder.baseUrl(properties.getBaseUrl()));
		check(errors, "approvalPathStyle", () -> builder.approvalPathStyle(properties.getApprovalPathStyle()));
		check(errors, "legacyApprovalBaseUrl", () -> builder.legacyApprovalBaseUrl(properties.getLegacyApprovalBaseUrl()));
		check(errors, "connectTimeout", () -> map.from(properties::getConnectTimeout).to(builder::connectTimeout));
		check(errors, "responseTimeout", () -> builder.responseTimeout(properties.getResponseTimeout()));
		check(errors, "callTimeout", () -> builder.callTimeout(properties.getCallTimeout()));
		check(errors, "shutdownTimeout", () -> builder.shutdownTimeout(properties.getShutdownTimeout()));
		LarkApprovalBotProperties.Helpdesk helpdesk = properties.getHelpdesk();
		String helpdeskId = helpdesk.getId();
		String helpdeskToken = helpdesk.getToken();
		if (helpdeskId != null || helpdeskToken != null) {
			// Both or neither: a helpdesk id without its token can send nothing.
			boolean valid = check(errors, "helpdesk.id", () -> ApprovalBotMessengerBuilder.credential("id", helpdeskId));
			valid &= check(errors, "helpdesk.token",
					() -> ApprovalBotMessengerBuilder.credential("token", helpdeskToken));
			if (valid) {
				builder.helpdesk(Objects.requireNonNull(helpdeskId), Objects.requireNonNull(helpdeskToken));
			}
		}
		LarkApprovalBotProperties.Retry retry = properties.getRetry();
		check(errors, "retry.", () -> builder.retry(new RetrySettings(retry.getMaxRetries(), retry.getMinBackoff(),
				retry.getMaxBackoff(), retry.getJitter())));
		LarkApprovalBotProperties.Http http = properties.getHttp();
		check(errors, "http.", () -> builder.httpPool(new HttpPoolSettings(http.getMaxConnections(),
				http.getPendingAcquireMaxCount(), http.getMaxIdleTime())));
		HttpProxySettings proxy = httpProxy(http.getProxy(), errors);
		if (proxy != null) {
			builder.httpProxy(proxy);
		}
		check(errors, "token.skew", () -> builder.tokenSkew(properties.getToken().getSkew()));
		rateLimits(properties.getRateLimit(), builder, errors);
		// Definitions the approval center defines without a callback get this app's endpoint (validate() checks the URL).
		LarkApprovalBotProperties.Callback callback = properties.getCallback();
		String url = callback.getUrl();
		String token = callback.getToken();
		if (url != null && HttpUrl.Validator.isHttpUrl(url) && StringUtils.hasText(token)) {
			builder.approvalCenterCallback(url, token, callback.getKey());
		}
	}

	/** Each endpoint's limits: its own keys, then the deprecated ones it has not set, then Lark's documented ones. */
	private static void rateLimits(Map<String, LarkApprovalBotProperties.Limit> limits,
			ApprovalBotMessengerBuilder builder, Errors errors) {
		Map<LarkEndpoint, String> keys = new EnumMap<>(LarkEndpoint.class);
		Map<LarkEndpoint, RateLimit> configured = new EnumMap<>(LarkEndpoint.class);
		limits.forEach((key, limit) -> {
			LarkEndpoint endpoint = endpoint(key);
			if (endpoint != null) {
				keys.put(endpoint, key);
				RateLimit documented = ApprovalBotMessengerBuilder.defaultRateLimit(endpoint);
				check(errors, "rateLimit[" + key + "].",
						() -> configured.put(endpoint, new RateLimit(or(limit.getPerSecond(), documented.perSecond()),
								or(limit.getPerMinute(), documented.perMinute()),
								or(limit.getPerMessagePerSecond(), documented.perMessagePerSecond()))));
			}
			else if (!DEPRECATED_LIMITS.containsKey(key) || limit.deprecatedValue() == null) {
				errors.rejectValue("rateLimit[" + key + "]", "invalid", new Object[] { key }, "must be an endpoint: one of "
						+ Arrays.stream(LarkEndpoint.values()).map(LarkEndpoint::propertyName).collect(Collectors.joining(", ")));
			}
		});
		limits.forEach((key, limit) -> {
			DeprecatedLimit deprecated = DEPRECATED_LIMITS.get(key);
			Integer value = limit.deprecatedValue();
			if (deprecated != null && value != null) {
				LarkApprovalBotProperties.Limit current = (keys.containsKey(deprecated.endpoint()))
						? limits.get(keys.get(deprecated.endpoint())) : null;
				check(errors, "rateLimit[" + key + "]", () -> {
					InvalidSettingException.notNegative("", value);
					RateLimit base = configured.getOrDefault(deprecated.endpoint(),
							ApprovalBotMessengerBuilder.defaultRateLimit(deprecated.endpoint()));
					configured.put(deprecated.endpoint(), deprecated.part().apply(base, value, current));
				});
			}
		});
		configured.forEach(builder::rateLimit);
	}

	private static @Nullable LarkEndpoint endpoint(String key) {
		for (LarkEndpoint endpoint : LarkEndpoint.values()) {
			if (endpoint.propertyName().equals(key)) {
				return endpoint;
			}
		}
		return null;
	}

	private static int or(@Nullable Integer value, int fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * Runs one step; a setting it refuses is reported under {@code field}, or, for a field ending with a dot (a
	 * settings record), under that prefix and the name the record gave.
	 */
	/** Runs a step that applies or checks a setting; a refusal becomes the field's error. Returns whether it passed. */
	private static boolean check(Errors errors, String field, Runnable step) {
		try {
			step.run();
			return true;
		}
		catch (InvalidSettingException ex) {
			String name = field.endsWith(".") ? field + ex.setting() : field;
			reject(errors, name, ex.rule());
			return false;
		}
	}

	/**
	 * Reports a refused field; a secret one with its value masked, since Spring Boot's exception lists each error
	 * with its rejected value.
	 */
	private static void reject(Errors errors, String field, String rule) {
		if (isSecret(field) && errors instanceof BindingResult result) {
			Object value = result.getRawFieldValue(field);
			result.addError(new FieldError(result.getObjectName(), result.getNestedPath() + field,
					(value != null) ? "******" : null, false, result.resolveMessageCodes("invalid", field), null, rule));
		}
		else {
			errors.rejectValue(field, "invalid", rule);
		}
	}

	private record DeprecatedLimit(LarkEndpoint endpoint, Part part) {

	}

	private enum Part {

		PER_SECOND, PER_MINUTE, PER_MESSAGE_PER_SECOND;

		/** Sets this part, unless the endpoint's own key set it. */
		RateLimit apply(RateLimit limit, int value, LarkApprovalBotProperties.@Nullable Limit current) {
			return switch (this) {
				case PER_SECOND -> (current != null && current.getPerSecond() != null) ? limit : limit.withPerSecond(value);
				case PER_MINUTE -> (current != null && current.getPerMinute() != null) ? limit : limit.withPerMinute(value);
				case PER_MESSAGE_PER_SECOND -> (current != null && current.getPerMessagePerSecond() != null) ? limit
						: limit.withPerMessagePerSecond(value);
			};
		}

	}

}
