/**
 * Interactive message card updates ({@code PATCH /open-apis/im/v1/messages/:message_id}).
 */
@NullMarked
package io.github.larkapprovalbot.card;

import org.jspecify.annotations.NullMarked;
