package io.github.larkapprovalbot;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.github.larkapprovalbot.LarkObservationDocumentation.HighCardinalityKeyNames;
import io.github.larkapprovalbot.LarkObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;
import jakarta.validation.ConstraintViolationException;

/**
 * The default names and tags of the observations of calls to Lark (see {@link LarkObservationDocumentation}):
 * {@code lark.approval-bot.requests} for every call, {@code lark.approval-bot.token.fetches} for the token
 * endpoint, tagged with the endpoint, the app's configured name, the outcome ({@code success}, {@code transient}, {@code terminal},
 * {@code invalid}, {@code cancelled}, {@code error}) and Lark's {@code code}.
 */
public class DefaultLarkObservationConvention implements LarkObservationConvention {

	/** The name of the observations of calls. */
	public static final String REQUESTS = "lark.approval-bot.requests";

	/** The name of the observations of token requests. */
	public static final String TOKEN_FETCHES = "lark.approval-bot.token.fetches";

	private static final String NONE = "none";

	/** The tags of a successful call, built once per endpoint rather than on each call. */
	private static final Map<LarkEndpoint, KeyValues> SUCCESS = new EnumMap<>(LarkEndpoint.class);

	static {
		for (LarkEndpoint endpoint : LarkEndpoint.values()) {
			SUCCESS.put(endpoint, KeyValues.of(LowCardinalityKeyNames.ENDPOINT.withValue(endpoint.tag()),
					LowCardinalityKeyNames.OUTCOME.withValue("success"), LowCardinalityKeyNames.CODE.withValue("0")));
		}
	}

	/** The success tags of an app, made once per app. */
	private final Map<String, Map<LarkEndpoint, KeyValues>> successByApp = new ConcurrentHashMap<>();

	private final String name;

	/**
	 * Creates the convention of calls, named {@link #REQUESTS}.
	 */
	public DefaultLarkObservationConvention() {
		this(REQUESTS);
	}

	/**
	 * Creates a convention with another name; the client observes token requests with one named
	 * {@link #TOKEN_FETCHES}.
	 * @param name the observations' name
	 */
	public DefaultLarkObservationConvention(String name) {
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(LarkObservationContext context) {
		return "lark " + context.getEndpoint().tag();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(LarkObservationContext context) {
		Throwable error = context.getError();
		if (error == null && !context.isCancelled()) {
			return Objects.requireNonNull(this.successByApp.computeIfAbsent(context.getApp(), (app) -> {
				Map<LarkEndpoint, KeyValues> tags = new EnumMap<>(LarkEndpoint.class);
				SUCCESS.forEach((endpoint, values) -> tags.put(endpoint,
						values.and(LowCardinalityKeyNames.APP.withValue(app))));
				return tags;
			}).get(context.getEndpoint()));
		}
		String code = (error instanceof LarkApiException ex && ex.code() != LarkApiException.NO_CODE)
				? Integer.toString(ex.code()) : NONE;
		return KeyValues.of(LowCardinalityKeyNames.ENDPOINT.withValue(context.getEndpoint().tag()),
				LowCardinalityKeyNames.APP.withValue(context.getApp()),
				LowCardinalityKeyNames.OUTCOME.withValue(outcome(context)), LowCardinalityKeyNames.CODE.withValue(code));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(LarkObservationContext context) {
		String uuid = context.getUuid();
		return (uuid != null) ? KeyValues.of(HighCardinalityKeyNames.UUID.withValue(uuid)) : KeyValues.empty();
	}

	private static String outcome(LarkObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			return "cancelled";
		}
		if (error instanceof LarkTransientException) {
			return "transient";
		}
		if (error instanceof LarkApiException) {
			return "terminal";
		}
		return (error instanceof ConstraintViolationException) ? "invalid" : "error";
	}

}
