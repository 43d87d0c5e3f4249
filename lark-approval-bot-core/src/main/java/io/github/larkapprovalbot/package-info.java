/**
 * The API host applications use: {@link io.github.larkapprovalbot.ApprovalBotMessenger}, its builder, settings,
 * results and exceptions. Its implementation on Spring WebFlux {@code WebClient} lives here too, package-private:
 * {@code WebClientApprovalBotMessenger} (the call pipeline), {@code LarkResponses} (how Lark's answers map to
 * exceptions), {@code RateLimiters}, {@code MessengerObservations} and {@code WebClientTenantAccessTokenFetcher}.
 */
@NullMarked
package io.github.larkapprovalbot;

import org.jspecify.annotations.NullMarked;
