/**
 * Helpdesk bot message payload ({@code POST /open-apis/helpdesk/v1/message}) and its content formats.
 */
@NullMarked
package io.github.larkapprovalbot.helpdesk;

import org.jspecify.annotations.NullMarked;
