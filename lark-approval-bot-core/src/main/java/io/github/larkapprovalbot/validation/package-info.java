/**
 * What the payloads and settings must satisfy: {@link io.github.larkapprovalbot.validation.PayloadValidator}, which
 * reports every violation of a payload with its JSON path, the {@link io.github.larkapprovalbot.validation.HttpUrl}
 * rule the payload records use, and {@link io.github.larkapprovalbot.validation.InvalidSettingException}, which names
 * the setting a builder or settings record refused.
 */
@NullMarked
package io.github.larkapprovalbot.validation;

import org.jspecify.annotations.NullMarked;
