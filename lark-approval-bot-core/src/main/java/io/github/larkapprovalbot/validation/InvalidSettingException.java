package io.github.larkapprovalbot.validation;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A setting of the client was refused: it names the setting and the rule, so that a configuration layer (the Spring
 * Boot starter's properties) can report it under its own name without restating the rule. The rules of each setting
 * live where the setting is taken: the messenger builder and the settings records.
 */
public final class InvalidSettingException extends IllegalArgumentException {

	/** The refused setting's name. */
	private final String setting;

	/** The rule the value broke. */
	private final String rule;

	/**
	 * Creates the exception.
	 * @param setting the setting's name, as the builder or record calls it ({@code responseTimeout},
	 * {@code maxRetries})
	 * @param rule what the value must be, in words ({@code must be positive})
	 * @param value the refused value, shown in the message; {@code null} for a value that must not be shown
	 */
	public InvalidSettingException(String setting, String rule, @Nullable Object value) {
		super(setting + " " + rule + ((value != null) ? ", was " + value : ""));
		this.setting = setting;
		this.rule = rule;
	}

	/**
	 * Returns the refused setting's name.
	 * @return the name, for example {@code maxRetries}
	 */
	public String setting() {
		return this.setting;
	}

	/**
	 * Returns the rule the value broke.
	 * @return the rule, for example {@code must be positive}
	 */
	public String rule() {
		return this.rule;
	}

	/**
	 * Checks that a duration is set and positive.
	 * @param setting the setting's name
	 * @param value the value
	 * @return the value
	 * @throws InvalidSettingException when it is null, zero or negative
	 */
	public static Duration positive(String setting, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidSettingException(setting, "must be positive", value);
		}
		return value;
	}

	/**
	 * Checks that a duration is set and not negative.
	 * @param setting the setting's name
	 * @param value the value
	 * @return the value
	 * @throws InvalidSettingException when it is null or negative
	 */
	public static Duration notNegative(String setting, @Nullable Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidSettingException(setting, "must not be negative", value);
		}
		return value;
	}

	/**
	 * Checks that a number is not negative.
	 * @param setting the setting's name
	 * @param value the value
	 * @return the value
	 * @throws InvalidSettingException when it is negative
	 */
	public static int notNegative(String setting, int value) {
		if (value < 0) {
			throw new InvalidSettingException(setting, "must not be negative", value);
		}
		return value;
	}

	/**
	 * Checks that a number is positive.
	 * @param setting the setting's name
	 * @param value the value
	 * @return the value
	 * @throws InvalidSettingException when it is zero or negative
	 */
	public static int positive(String setting, int value) {
		if (value <= 0) {
			throw new InvalidSettingException(setting, "must be positive", value);
		}
		return value;
	}

	/**
	 * Checks that a text is an absolute http(s) URL, and drops a trailing slash.
	 * @param setting the setting's name
	 * @param value the value
	 * @return the URL without a trailing slash
	 * @throws InvalidSettingException when it is not an absolute http(s) URL
	 */
	public static String httpUrl(String setting, @Nullable String value) {
		if (value == null || !HttpUrl.Validator.isHttpUrl(value)) {
			throw new InvalidSettingException(setting, HttpUrl.RULE, (value != null) ? "'" + value + "'" : null);
		}
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

	/**
	 * Checks that a value is set.
	 * @param <T> its type
	 * @param setting the setting's name
	 * @param value the value
	 * @return the value
	 * @throws InvalidSettingException when it is null
	 */
	public static <T> T required(String setting, @Nullable T value) {
		if (value == null) {
			throw new InvalidSettingException(setting, "must be set", null);
		}
		return Objects.requireNonNull(value);
	}

}
