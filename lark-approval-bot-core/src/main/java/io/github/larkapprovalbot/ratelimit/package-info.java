/**
 * Client-side rate limits, so that bursts queue here instead of being refused by Lark: {@link
 * io.github.larkapprovalbot.ratelimit.RateLimit} (the limits of one endpoint), {@link
 * io.github.larkapprovalbot.ratelimit.RateLimiter} (the Bucket4j buckets that enforce them) and {@link
 * io.github.larkapprovalbot.ratelimit.SharedRateLimits}, the SPI through which every instance of an application shares
 * its buckets (the Spring Boot starter implements it on Redis).
 */
@NullMarked
package io.github.larkapprovalbot.ratelimit;

import org.jspecify.annotations.NullMarked;
