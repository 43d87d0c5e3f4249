/**
 * The HTTP code: the WebClient-based {@link io.github.larkapprovalbot.ApprovalBotMessenger}, its builder and
 * settings, the token endpoint client, and how Lark's answers map to exceptions, retries and rate limits.
 */
@NullMarked
package io.github.larkapprovalbot.client;

import org.jspecify.annotations.NullMarked;
