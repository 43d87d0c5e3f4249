/**
 * Wire-faithful payloads of the approval bot API ({@code message/send} and {@code message/update}),
 * the template table, and builders that allocate {@code @i18n@} keys from plain texts.
 */
@NullMarked
package io.github.larkapprovalbot.message;

import org.jspecify.annotations.NullMarked;
