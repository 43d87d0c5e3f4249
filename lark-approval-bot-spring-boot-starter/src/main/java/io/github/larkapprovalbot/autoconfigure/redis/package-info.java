/**
 * Cluster mode ({@code lark.approval-bot.store=redis}): the rate limits, quick-approval claims and tenant token that
 * every instance of the application shares, in Redis.
 */
@NullMarked
package io.github.larkapprovalbot.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
