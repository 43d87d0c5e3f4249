/**
 * What the instances of an application share in Redis: rate-limit buckets (Bucket4j on Lettuce), quick-approval claims
 * and outcomes, and the tenant token.
 */
@NullMarked
package io.github.larkapprovalbot.redis;

import org.jspecify.annotations.NullMarked;
