/**
 * The API host applications use: {@link io.github.larkapprovalbot.ApprovalBotMessenger}, its builder, settings,
 * results, exceptions and observation conventions. The client behind it lives here too, package-private: the table
 * of Lark's endpoints ({@code Endpoints}), one app's credentials and resources ({@code LarkApp}), the one pipeline
 * every call runs through ({@code CallPipeline}) and Lark's error envelope ({@code LarkResponses}). Rate limits are
 * in {@code ratelimit}, the token cache in {@code token}, callbacks in {@code callback}.
 */
@NullMarked
package io.github.larkapprovalbot;

import org.jspecify.annotations.NullMarked;
